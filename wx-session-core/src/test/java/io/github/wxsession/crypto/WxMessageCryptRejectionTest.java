package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every malformed or hostile input fails with the official code and a message that says why. */
class WxMessageCryptRejectionTest {

    // Vector V8 safe_post: a genuine signed message.
    private static final String TOKEN = "AAAAA";
    private static final String KEY = "A".repeat(43);
    private static final String APP_ID = "wxba5fad812f8e6fb9";
    private static final String TIMESTAMP = "1714112445";
    private static final String NONCE = "415670741";
    private static final String MSG_SIGNATURE = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
    private static final String ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMk"
            + "Uyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSr"
            + "fMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSe"
            + "OBrebufAlr7F9mFUPAJGj04=";

    private final WxMessageCrypt crypt = WxMessageCrypt.of(TOKEN, KEY, APP_ID);
    private final ReferenceAes reference = new ReferenceAes(KEY);

    @Test
    void genuineMessageIsAccepted() {
        // The baseline the tampered variants below are derived from.
        assertThat(crypt.decryptMessage(MSG_SIGNATURE, TIMESTAMP, NONCE, ENCRYPT)).contains("debug_demo");
    }

    @Test
    void wrongMessageSignatureIsRejected() {
        String wrong = MSG_SIGNATURE.substring(0, 39) + "4";
        assertFails(WxCryptError.VALIDATE_SIGNATURE, () -> crypt.decryptMessage(wrong, TIMESTAMP, NONCE, ENCRYPT))
                .hasMessageContaining("msg_signature does not match");
    }

    @Test
    void signatureOfAnotherTimestampIsRejected() {
        assertFails(WxCryptError.VALIDATE_SIGNATURE,
                () -> crypt.decryptMessage(MSG_SIGNATURE, "1714112446", NONCE, ENCRYPT));
    }

    @Test
    void missingMessageSignatureIsRejectedByName() {
        assertFails(WxCryptError.VALIDATE_SIGNATURE, () -> crypt.decryptMessage(null, TIMESTAMP, NONCE, ENCRYPT))
                .hasMessageContaining("no msg_signature");
    }

    @Test
    void wrongPlainSignatureIsRejected() {
        assertFails(WxCryptError.VALIDATE_SIGNATURE,
                () -> crypt.verifySignature("f464b24fc39322e44b38aa78f5edd27bd1441697", "1714036504", "1514711492"))
                .hasMessageContaining("signature does not match");
    }

    @Test
    void missingPlainSignatureParameterIsRejectedByName() {
        assertFails(WxCryptError.VALIDATE_SIGNATURE,
                () -> crypt.verifySignature("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", null))
                .hasMessageContaining("no nonce");
    }

    @Test
    void weComEchostrWithWrongSignatureIsRejected() {
        WxMessageCrypt weCom = WxMessageCrypt.of("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");
        String echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

        assertFails(WxCryptError.VALIDATE_SIGNATURE,
                () -> weCom.verifyUrl("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", echostr));
    }

    @Test
    void keyOfWrongLengthIsRejectedWithBothLengths() {
        assertFails(WxCryptError.ILLEGAL_AES_KEY, () -> WxMessageCrypt.of(TOKEN, "A".repeat(42), APP_ID))
                .hasMessageContaining("43").hasMessageContaining("42");
        assertFails(WxCryptError.ILLEGAL_AES_KEY, () -> WxMessageCrypt.of(TOKEN, "A".repeat(44), APP_ID))
                .hasMessageContaining("44");
    }

    @Test
    void keyWithACharacterOutsideTheAlphabetIsRejectedByPosition() {
        // '+', '/' and '=' are Base64 but not EncodingAESKey characters.
        String key = "abcdefghi+klmnopqrstuvwxyz0123456789ABCDEFG";
        assertFails(WxCryptError.ILLEGAL_AES_KEY, () -> WxMessageCrypt.of(TOKEN, key, APP_ID))
                .hasMessageContaining("position 10")
                .hasMessageNotContaining(key);
    }

    @Test
    void missingKeyIsRejected() {
        assertFails(WxCryptError.ILLEGAL_AES_KEY, () -> WxMessageCrypt.of(TOKEN, null, APP_ID))
                .hasMessageContaining("missing");
    }

    @Test
    void messageForAnotherReceiveIdIsRejectedNamingBoth() {
        String forOther = WxMessageCrypt.of(TOKEN, KEY, "wxotherapp0000001").encrypt("<xml/>");

        assertFails(WxCryptError.VALIDATE_APPID, () -> crypt.decrypt(forOther))
                .hasMessageContaining("\"wxotherapp0000001\"")
                .hasMessageContaining(APP_ID);
    }

    @Test
    void anotherReceiveIdIsAcceptedOnlyWhenExplicitlyAllowed() {
        String forOther = WxMessageCrypt.of(TOKEN, KEY, "wxotherapp0000001").encrypt("<xml/>");
        WxMessageCrypt relaxed = WxMessageCrypt.builder(TOKEN, KEY, APP_ID)
                .alsoAcceptReceiveIds("wxotherapp0000001"::equals)
                .build();

        assertThat(relaxed.decrypt(forOther)).isEqualTo("<xml/>");
        String forThird = WxMessageCrypt.of(TOKEN, KEY, "wxthirdapp").encrypt("<xml/>");
        assertFails(WxCryptError.VALIDATE_APPID, () -> relaxed.decrypt(forThird));
    }

    @Test
    void unprintableReceiveIdIsNotCopiedIntoTheMessage() {
        byte[] frame = paddedHi(2, "wx\n[ERROR] forged log line");

        assertFails(WxCryptError.VALIDATE_APPID, () -> decryptForged(frame))
                .hasMessageNotContaining("forged")
                .hasMessageContaining("unprintable");
    }

    @Test
    void ciphertextEncryptedUnderAnotherKeyIsRejectedAsDecryptionFailure() {
        WxMessageCrypt otherKey = WxMessageCrypt.of(TOKEN, "B".repeat(43), APP_ID);
        assertFails(WxCryptError.DECRYPT_AES, () -> otherKey.decrypt(ENCRYPT))
                .hasMessageContaining("wrong EncodingAESKey or damaged ciphertext");
    }

    @Test
    void tamperedFirstBlockCorruptsTheLengthField() {
        // In CBC a flipped ciphertext bit flips the same bit of the next plaintext block: here
        // the top bit of the 4-byte length field.
        byte[] bytes = Base64.getDecoder().decode(ENCRYPT);
        bytes[0] ^= (byte) 0x80;

        assertFails(WxCryptError.ILLEGAL_BUFFER, () -> crypt.decrypt(Base64.getEncoder().encodeToString(bytes)))
                .hasMessageContaining("announces a");
    }

    @Test
    void tamperedLastBlockCorruptsThePadding() {
        // Flips the top bit of the last plaintext byte, the pad: 19 becomes 147.
        byte[] bytes = Base64.getDecoder().decode(ENCRYPT);
        bytes[bytes.length - 17] ^= (byte) 0x80;

        assertFails(WxCryptError.DECRYPT_AES, () -> crypt.decrypt(Base64.getEncoder().encodeToString(bytes)))
                .hasMessageContaining("padding byte is 147");
    }

    @Test
    void badBase64IsRejected() {
        assertFails(WxCryptError.DECODE_BASE64, () -> crypt.decrypt("not*base64!"))
                .hasMessageContaining("not valid Base64");
    }

    @Test
    void plusSignsLostToDoubleUrlDecodingAreHinted() {
        assertFails(WxCryptError.DECODE_BASE64, () -> crypt.decrypt(ENCRYPT.replace('+', ' ')))
                .hasMessageContaining("URL-decoded twice");
    }

    @Test
    void missingCiphertextIsRejected() {
        assertFails(WxCryptError.DECODE_BASE64, () -> crypt.decrypt(null));
    }

    @Test
    void ciphertextThatIsNotWholeBlocksIsRejected() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        assertFails(WxCryptError.DECRYPT_AES, () -> crypt.decrypt(sixteenBytes))
                .hasMessageContaining("16 bytes, not a positive multiple of 32");
        assertFails(WxCryptError.DECRYPT_AES, () -> crypt.decrypt(""));
    }

    @Test
    void zeroPaddingByteIsRejected() {
        byte[] frame = paddedHi(2, APP_ID);
        frame[frame.length - 1] = 0;

        assertFails(WxCryptError.DECRYPT_AES, () -> decryptForged(frame))
                .hasMessageContaining("padding byte is 0");
    }

    @Test
    void paddingByteAboveTheBlockSizeIsRejected() {
        byte[] frame = paddedHi(2, APP_ID);
        frame[frame.length - 1] = 33;

        assertFails(WxCryptError.DECRYPT_AES, () -> decryptForged(frame))
                .hasMessageContaining("padding byte is 33");
    }

    @Test
    void inconsistentPaddingBytesAreRejected() {
        byte[] frame = paddedHi(2, APP_ID);
        frame[frame.length - 2] ^= 1;

        assertFails(WxCryptError.DECRYPT_AES, () -> decryptForged(frame))
                .hasMessageContaining("padding bytes differ");
    }

    @Test
    void frameShorterThanItsHeaderIsRejected() {
        byte[] frame = new byte[32];
        Arrays.fill(frame, 16, 32, (byte) 16);

        assertFails(WxCryptError.ILLEGAL_BUFFER, () -> decryptForged(frame))
                .hasMessageContaining("fewer than its 20-byte header");
    }

    @Test
    void negativeLengthFieldIsRejected() {
        byte[] frame = paddedHi(-1, APP_ID);

        assertFails(WxCryptError.ILLEGAL_BUFFER, () -> decryptForged(frame))
                .hasMessageContaining("announces a -1-byte message");
    }

    @Test
    void lengthFieldBeyondTheFrameIsRejected() {
        byte[] frame = paddedHi(21, APP_ID);

        assertFails(WxCryptError.ILLEGAL_BUFFER, () -> decryptForged(frame))
                .hasMessageContaining("announces a 21-byte message but holds only 20 bytes");
    }

    @Test
    void invalidUtf8InsideAValidlyPaddedFrameIsRejected() {
        // 0xC3 starts a 2-byte sequence that '(' cannot continue; 0xFF never occurs in UTF-8.
        byte[] message = {'o', 'k', (byte) 0xC3, '(', (byte) 0xFF};
        byte[] frame = ReferenceAes.pad(ReferenceAes.frame(message.length, message, APP_ID));

        assertFails(WxCryptError.ILLEGAL_BUFFER, () -> decryptForged(frame))
                .hasMessageContaining("not valid UTF-8");
    }

    /** A correctly padded frame holding the message "hi" but announcing {@code declaredLength} bytes. */
    private static byte[] paddedHi(int declaredLength, String receiveId) {
        return ReferenceAes.pad(ReferenceAes.frame(declaredLength, "hi".getBytes(StandardCharsets.UTF_8), receiveId));
    }

    private String decryptForged(byte[] frame) {
        return crypt.decrypt(reference.encrypt(frame));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(WxCryptError error, ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(WxCryptException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.code()).isEqualTo(error.code());
                })
                .hasMessageNotContaining(KEY);
    }
}
