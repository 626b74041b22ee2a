package io.github.wxsession.router;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cached reply in few bytes: the fixed parts of a reply's XML envelope, and the sender it is
 * addressed to, each become one byte. Those bytes are control characters that XML forbids (from
 * 0x0E on, clear of tab, line feed and carriage return), so a reply that somehow holds one is
 * stored as it is, marked raw. Decoding with the same sender gives the very reply back.
 */
final class ReplyCodec {

    private static final byte RAW = 0;
    private static final byte TOKENS = 1;
    /** The byte that stands for the sender; the fragments follow it. */
    private static final byte SENDER = 0x0E;
    /**
     * Fragments of {@code WxReplyXmlWriter}'s output, longest first where one begins another; the
     * fragment at index i stands as byte {@code SENDER + 1 + i}.
     */
    private static final byte[][] FRAGMENTS = bytes(
            "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[",
            "]]></ToUserName><FromUserName><![CDATA[",
            "</CreateTime><MsgType><![CDATA[",
            "]]></FromUserName><CreateTime>",
            "<xml><ToUserName><![CDATA[",
            "]]></Content></xml>",
            "]]></MsgType>",
            "]]></MediaId>",
            "<![CDATA[",
            "]]></");
    private static final int LAST_TOKEN = SENDER + FRAGMENTS.length;

    private ReplyCodec() {
    }

    static byte[] encode(String replyXml, String sender) {
        byte[] xml = replyXml.getBytes(StandardCharsets.UTF_8);
        for (byte b : xml) {
            if (b >= SENDER && b <= LAST_TOKEN) {
                return raw(xml);
            }
        }
        byte[] name = sender == null || sender.isEmpty() ? null : sender.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[xml.length + 1];
        out[0] = TOKENS;
        int length = 1;
        int i = 0;
        scan:
        while (i < xml.length) {
            if (xml[i] == '<' || xml[i] == ']') {
                for (int f = 0; f < FRAGMENTS.length; f++) {
                    if (startsWith(xml, i, FRAGMENTS[f])) {
                        out[length++] = (byte) (SENDER + 1 + f);
                        i += FRAGMENTS[f].length;
                        continue scan;
                    }
                }
            } else if (name != null && startsWith(xml, i, name)) {
                out[length++] = SENDER;
                i += name.length;
                continue;
            }
            out[length++] = xml[i++];
        }
        return Arrays.copyOf(out, length);
    }

    static String decode(byte[] encoded, int offset, int length, String sender) {
        if (encoded[offset] == RAW) {
            return new String(encoded, offset + 1, length - 1, StandardCharsets.UTF_8);
        }
        byte[] name = sender == null ? new byte[0] : sender.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[decodedLength(encoded, offset, length, name)];
        int at = 0;
        for (int i = offset + 1; i < offset + length; i++) {
            byte b = encoded[i];
            byte[] part = b == SENDER ? name : b > SENDER && b <= LAST_TOKEN ? FRAGMENTS[b - SENDER - 1] : null;
            if (part == null) {
                out[at++] = b;
            } else {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int decodedLength(byte[] encoded, int offset, int length, byte[] name) {
        int total = 0;
        for (int i = offset + 1; i < offset + length; i++) {
            byte b = encoded[i];
            total += b == SENDER ? name.length : b > SENDER && b <= LAST_TOKEN ? FRAGMENTS[b - SENDER - 1].length : 1;
        }
        return total;
    }

    private static byte[] raw(byte[] xml) {
        byte[] out = new byte[xml.length + 1];
        out[0] = RAW;
        System.arraycopy(xml, 0, out, 1, xml.length);
        return out;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (bytes.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] bytes(String... fragments) {
        byte[][] all = new byte[fragments.length][];
        for (int i = 0; i < fragments.length; i++) {
            all[i] = fragments[i].getBytes(StandardCharsets.US_ASCII);
        }
        return all;
    }
}
