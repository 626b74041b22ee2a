package io.github.wxsession.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The plaintext WeChat encrypts: {@code random(16) + msg_len(4, big-endian) + msg + receiveId},
 * then PKCS#7 padding to a multiple of 32 bytes (pad bytes 1..32, a whole block of 32 when the
 * content is already aligned). An opened frame is a view on the decrypted buffer.
 */
final class MessageFrame {

    static final int RANDOM_LENGTH = 16;
    static final int BLOCK_SIZE = 32;

    private static final int HEADER_LENGTH = RANDOM_LENGTH + Integer.BYTES;

    private final byte[] buffer;
    private final int messageLength;
    private final int contentLength;

    private MessageFrame(byte[] buffer, int messageLength, int contentLength) {
        this.buffer = buffer;
        this.messageLength = messageLength;
        this.contentLength = contentLength;
    }

    /** Lays out and pads a frame, ready to be encrypted in place. */
    static byte[] seal(byte[] random16, byte[] message, byte[] receiveId) {
        int contentLength = HEADER_LENGTH + message.length + receiveId.length;
        int pad = BLOCK_SIZE - contentLength % BLOCK_SIZE;
        byte[] frame = new byte[contentLength + pad];
        System.arraycopy(random16, 0, frame, 0, RANDOM_LENGTH);
        frame[16] = (byte) (message.length >>> 24);
        frame[17] = (byte) (message.length >>> 16);
        frame[18] = (byte) (message.length >>> 8);
        frame[19] = (byte) message.length;
        System.arraycopy(message, 0, frame, HEADER_LENGTH, message.length);
        System.arraycopy(receiveId, 0, frame, HEADER_LENGTH + message.length, receiveId.length);
        Arrays.fill(frame, contentLength, frame.length, (byte) pad);
        return frame;
    }

    /**
     * Checks the padding and the length field of a decrypted frame.
     *
     * <p>Padding is checked strictly (value 1..32, every pad byte equal), unlike Tencent's samples
     * which treat a bad pad as none: a bad pad means a wrong key or a damaged ciphertext, and
     * reporting that as such is clearer than a confusing app id or length error further on.
     *
     * @param buffer decrypted bytes, a positive multiple of 32 long
     * @throws WxCryptException {@link WxCryptError#DECRYPT_AES} for bad padding,
     *         {@link WxCryptError#ILLEGAL_BUFFER} for a short frame or a bad length field
     */
    static MessageFrame open(byte[] buffer) {
        int pad = buffer[buffer.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK_SIZE) {
            throw new WxCryptException(WxCryptError.DECRYPT_AES, "the padding byte is " + pad
                    + ", not 1.." + BLOCK_SIZE + ": wrong EncodingAESKey or damaged ciphertext");
        }
        int contentLength = buffer.length - pad;
        for (int i = contentLength; i < buffer.length - 1; i++) {
            if (buffer[i] != (byte) pad) {
                throw new WxCryptException(WxCryptError.DECRYPT_AES,
                        "the padding bytes differ: wrong EncodingAESKey or damaged ciphertext");
            }
        }
        if (contentLength < HEADER_LENGTH) {
            throw new WxCryptException(WxCryptError.ILLEGAL_BUFFER, "the decrypted frame has " + contentLength
                    + " bytes, fewer than its " + HEADER_LENGTH + "-byte header");
        }
        int messageLength = (buffer[16] & 0xff) << 24 | (buffer[17] & 0xff) << 16
                | (buffer[18] & 0xff) << 8 | (buffer[19] & 0xff);
        if (messageLength < 0 || messageLength > contentLength - HEADER_LENGTH) {
            throw new WxCryptException(WxCryptError.ILLEGAL_BUFFER, "the decrypted frame announces a "
                    + messageLength + "-byte message but holds only " + (contentLength - HEADER_LENGTH) + " bytes");
        }
        return new MessageFrame(buffer, messageLength, contentLength);
    }

    /**
     * The message, decoded as UTF-8.
     *
     * @throws WxCryptException {@link WxCryptError#ILLEGAL_BUFFER} if it is not valid UTF-8
     */
    String message() {
        String message = new String(buffer, HEADER_LENGTH, messageLength, StandardCharsets.UTF_8);
        // The String constructor replaces malformed input with U+FFFD instead of failing. Without a
        // U+FFFD in the result the input was valid, so only the rare text that contains one pays
        // for a strict second decoding that tells a genuine U+FFFD from a replaced bad sequence.
        if (message.indexOf('\uFFFD') >= 0) {
            checkStrictUtf8();
        }
        return message;
    }

    private void checkStrictUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, HEADER_LENGTH, messageLength));
        } catch (CharacterCodingException e) {
            throw new WxCryptException(WxCryptError.ILLEGAL_BUFFER, "the decrypted message is not valid UTF-8", e);
        }
    }

    /** Whether the frame's trailing receiveId is exactly {@code receiveId}, compared without decoding. */
    boolean hasReceiveId(byte[] receiveId) {
        int start = HEADER_LENGTH + messageLength;
        return Arrays.equals(buffer, start, contentLength, receiveId, 0, receiveId.length);
    }

    /** The frame's trailing receiveId, for a relaxed check or an error message. */
    String receiveId() {
        int start = HEADER_LENGTH + messageLength;
        return new String(buffer, start, contentLength - start, StandardCharsets.UTF_8);
    }
}
