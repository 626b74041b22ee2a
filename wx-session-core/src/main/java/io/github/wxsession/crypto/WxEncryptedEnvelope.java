package io.github.wxsession.crypto;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

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
    private static final boolean[] BASE64 = new boolean[256];

    static {
        for (byte b : ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")) {
            BASE64[b] = true;
        }
    }

    private WxEncryptedEnvelope() {
    }

    /**
     * The Base64 text of the envelope's only {@code Encrypt} element, or {@code null} when the
     * body is not in that simple shape (no such element, two of them, other content in it).
     */
    public static @Nullable String ciphertextOf(byte[] envelope) {
        int open = indexOf(envelope, OPEN, 0);
        if (open < 0) {
            return null;
        }
        int start = open + OPEN.length;
        boolean cdata = startsWith(envelope, CDATA_OPEN, start);
        if (cdata) {
            start += CDATA_OPEN.length;
        }
        // One pass over the ciphertext: it ends at the first byte outside the Base64 alphabet.
        int end = start;
        while (end < envelope.length && BASE64[envelope[end] & 0xff]) {
            end++;
        }
        int close = cdata && startsWith(envelope, CDATA_CLOSE, end) ? end + CDATA_CLOSE.length : cdata ? -1 : end;
        if (end == start || close < 0 || !startsWith(envelope, CLOSE, close)
                || indexOf(envelope, OPEN, close + CLOSE.length) >= 0) {
            return null;
        }
        return new String(envelope, start, end - start, StandardCharsets.US_ASCII);
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
