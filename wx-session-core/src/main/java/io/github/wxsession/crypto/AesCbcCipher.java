package io.github.wxsession.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC without JCE padding, keyed by an EncodingAESKey, transforming whole-block buffers in
 * place. The caller pads (to 32 bytes, which no JCE padding scheme does).
 *
 * <p>{@code Cipher.getInstance} walks the provider list and {@code init} expands the key, which
 * would dominate the cost of a short message, so initialised ciphers are pooled. A pool rather
 * than a {@code ThreadLocal} because callbacks may run on short-lived virtual threads, where a
 * per-thread cipher would never be reused. {@code doFinal} returns a cipher to its initialised
 * state (same key, same IV), so a pooled cipher is ready for the next message as is.
 */
final class AesCbcCipher {

    /** Length of an EncodingAESKey: 32 key bytes in Base64 without the trailing {@code =}. */
    static final int ENCODING_AES_KEY_LENGTH = 43;

    private static final String TRANSFORMATION = "AES/CBC/NoPadding";

    private final Pool encryptors;
    private final Pool decryptors;

    private AesCbcCipher(SecretKeySpec key, IvParameterSpec iv) {
        this.encryptors = new Pool(Cipher.ENCRYPT_MODE, key, iv, WxCryptError.ENCRYPT_AES);
        this.decryptors = new Pool(Cipher.DECRYPT_MODE, key, iv, WxCryptError.DECRYPT_AES);
    }

    /**
     * Validates the EncodingAESKey and derives the AES key (its Base64 decoding) and IV (the key's
     * first 16 bytes).
     *
     * @throws WxCryptException {@link WxCryptError#ILLEGAL_AES_KEY} if the key is missing, not 43
     *         characters long or has a character outside {@code [A-Za-z0-9]}
     */
    static AesCbcCipher fromEncodingAesKey(String encodingAesKey) {
        checkEncodingAesKey(encodingAesKey);
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        try {
            return new AesCbcCipher(new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        } finally {
            // The specs hold their own copies.
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void checkEncodingAesKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new WxCryptException(WxCryptError.ILLEGAL_AES_KEY,
                    "the EncodingAESKey is missing; copy the 43-character key from the WeChat admin console");
        }
        if (key.length() != ENCODING_AES_KEY_LENGTH) {
            throw new WxCryptException(WxCryptError.ILLEGAL_AES_KEY, "the EncodingAESKey must be "
                    + ENCODING_AES_KEY_LENGTH + " characters long but has " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric) {
                // The position, not the character: the key is a secret, even one character of it.
                throw new WxCryptException(WxCryptError.ILLEGAL_AES_KEY, "the EncodingAESKey may only contain"
                        + " A-Z, a-z and 0-9 but has another character at position " + (i + 1));
            }
        }
    }

    /** Encrypts {@code buffer}, whose length is a multiple of 16, in place. */
    void encrypt(byte[] buffer) {
        encryptors.transform(buffer);
    }

    /** Decrypts {@code buffer}, whose length is a multiple of 16, in place. */
    void decrypt(byte[] buffer) {
        decryptors.transform(buffer);
    }

    /** Initialised ciphers of one direction, reused without locks. */
    private static final class Pool {

        private final int mode;
        private final SecretKeySpec key;
        private final IvParameterSpec iv;
        private final WxCryptError failure;
        private final AtomicReferenceArray<Cipher> idle;

        Pool(int mode, SecretKeySpec key, IvParameterSpec iv, WxCryptError failure) {
            this.mode = mode;
            this.key = key;
            this.iv = iv;
            this.failure = failure;
            // More ciphers than cores would sit idle: only that many can be busy at once.
            this.idle = new AtomicReferenceArray<>(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
            // Fails fast, at account configuration, if the runtime cannot do AES-256-CBC; not kept, so
            // an account that is sent no encrypted message holds no cipher (two are ~2.5 KB).
            newCipher();
        }

        void transform(byte[] buffer) {
            Cipher cipher = acquire();
            try {
                cipher.doFinal(buffer, 0, buffer.length, buffer, 0);
            } catch (GeneralSecurityException e) {
                // Not returned to the pool: its state after a failure is unspecified.
                throw new WxCryptException(failure, "AES-CBC failed on " + buffer.length + " bytes", e);
            }
            release(cipher);
        }

        private Cipher acquire() {
            for (int i = 0; i < idle.length(); i++) {
                Cipher cipher = idle.get(i);
                if (cipher != null && idle.compareAndSet(i, cipher, null)) {
                    return cipher;
                }
            }
            return newCipher();
        }

        private void release(Cipher cipher) {
            for (int i = 0; i < idle.length(); i++) {
                if (idle.get(i) == null && idle.compareAndSet(i, null, cipher)) {
                    return;
                }
            }
            // Pool full after a burst: let this one go to the garbage collector.
        }

        private Cipher newCipher() {
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(mode, key, iv);
                return cipher;
            } catch (GeneralSecurityException e) {
                throw new WxCryptException(failure, "this Java runtime cannot provide " + TRANSFORMATION
                        + " with a 256-bit key", e);
            }
        }
    }
}
