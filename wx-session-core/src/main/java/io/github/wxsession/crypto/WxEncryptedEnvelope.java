package io.github.wxsession.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Finds the ciphertext in the envelope of an encrypted callback
 * ({@code <xml><ToUserName>…</ToUserName><Encrypt>…</Encrypt></xml>}) without an XML parser.
 * <p>
 * Only the ciphertext matters in an envelope: the {@code msg_signature} covers it, and the
 * decrypted message is parsed in full, so nothing else in the envelope is trusted. Setting up a
 * StAX parser for it cost about as much as decrypting the message. This scan accepts only the
 * shape WeChat sends, one {@code Encrypt} element holding Base64 (in CDATA or not), and answers
 * {@code null} for anything else, so the caller falls back to parsing the envelope and keeps its
 * precise errors.
 */
public final class WxEncryptedEnvelope {

    private static final byte[] OPEN = ascii("<Encrypt>");
    private static final byte[] CLOSE = ascii("</Encrypt>");
    private static final byte[] CDATA_OPEN = ascii("<![CDATA[");
    private static final byte[] CDATA_CLOSE = ascii("]]>");

    private WxEncryptedEnvelope() {
    }

    /**
     * The Base64 text of the envelope's only {@code Encrypt} element, or {@code null} when the
     * body is not in that simple shape (no such element, two of them, other content in it).
     */
    public static String ciphertextOf(byte[] envelope) {
        int open = indexOf(envelope, OPEN, 0);
        if (open < 0) {
            return null;
        }
        int start = open + OPEN.length;
        int close = indexOf(envelope, CLOSE, start);
        if (close < 0 || indexOf(envelope, OPEN, close) >= 0) {
            return null;
        }
        int end = close;
        if (startsWith(envelope, CDATA_OPEN, start)) {
            start += CDATA_OPEN.length;
            end -= CDATA_CLOSE.length;
            if (end < start || !startsWith(envelope, CDATA_CLOSE, end)) {
                return null;
            }
        }
        if (end == start) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (!isBase64(envelope[i])) {
                return null;
            }
        }
        return new String(envelope, start, end - start, StandardCharsets.US_ASCII);
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                || b == '=';
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        int last = data.length - pattern.length;
        for (int i = from; i <= last; i++) {
            if (data[i] == pattern[0] && startsWith(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, byte[] pattern, int at) {
        if (at < 0 || at + pattern.length > data.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (data[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
