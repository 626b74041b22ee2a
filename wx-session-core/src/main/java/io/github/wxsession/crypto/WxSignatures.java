package io.github.wxsession.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-1 signatures WeChat uses: the callback {@code signature} (token, timestamp, nonce),
 * the {@code msg_signature} (the same plus the ciphertext) and the JS-SDK signature.
 */
public final class WxSignatures {

    private static final byte[] HEX_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** Cloned per call: a provider lookup per signature cost more than the hash on the callback path. */
    private static final MessageDigest SHA1 = newSha1();

    private WxSignatures() {
    }

    /**
     * SHA-1, as lowercase hex, of the parts sorted lexicographically and joined with no separator.
     * That is both the 3-field {@code signature} and the 4-field {@code msg_signature}.
     */
    public static String sortedSha1(String... parts) {
        String[] sorted = parts.clone();
        for (String part : sorted) {
            if (part == null) {
                throw new IllegalArgumentException("signature parts must not be null: " + Arrays.toString(parts));
            }
        }
        Arrays.sort(sorted);
        // Hashed part by part: the same digest as of the joined text, without building it.
        MessageDigest sha1 = sha1();
        for (String part : sorted) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return hex(sha1.digest());
    }

    /** SHA-1 of the UTF-8 bytes of {@code text}, as lowercase hex. */
    public static String sha1Hex(String text) {
        return hex(sha1().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(byte[] bytes) {
        byte[] digits = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares a computed signature with the one a request carried in time that does not depend
     * on where they differ, so a caller cannot find the right signature byte by byte.
     * A {@code null} {@code presented} value never matches.
     */
    public static boolean matches(String expected, @Nullable String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest sha1() {
        try {
            return (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            return newSha1();
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-1", e);
        }
    }
}
