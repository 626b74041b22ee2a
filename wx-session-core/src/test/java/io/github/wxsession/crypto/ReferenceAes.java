package io.github.wxsession.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WeChat AES scheme written out plainly and independently of the production classes, to look
 * inside published ciphertexts and to forge frames production code must reject.
 */
final class ReferenceAes {

    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    ReferenceAes(String encodingAesKey) {
        byte[] bytes = Base64.getDecoder().decode(encodingAesKey + "=");
        this.key = new SecretKeySpec(bytes, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(bytes, 16));
    }

    /** Decrypts to the raw frame, padding included. */
    byte[] decrypt(String base64) {
        return run(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(base64));
    }

    /** Encrypts bytes that the caller has already framed and padded. */
    String encrypt(byte[] paddedFrame) {
        return Base64.getEncoder().encodeToString(run(Cipher.ENCRYPT_MODE, paddedFrame));
    }

    /** {@code random16 + length + message + receiveId} with the length given explicitly, unpadded. */
    static byte[] frame(int declaredLength, byte[] message, String receiveId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(declaredLength).array());
        out.writeBytes(message);
        out.writeBytes(receiveId.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Appends correct PKCS#7 padding to a 32-byte boundary. */
    static byte[] pad(byte[] content) {
        int pad = 32 - content.length % 32;
        byte[] padded = Arrays.copyOf(content, content.length + pad);
        Arrays.fill(padded, content.length, padded.length, (byte) pad);
        return padded;
    }

    private byte[] run(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, key, iv);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
