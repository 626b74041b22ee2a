package io.github.wxsession.crypto;

/**
 * The error codes of Tencent's WXBizMsgCrypt samples, so failures can be logged and compared
 * with WeChat's documentation and other implementations by the same numbers.
 */
public enum WxCryptError {

    /** The {@code signature} or {@code msg_signature} does not match the request. */
    VALIDATE_SIGNATURE(-40001),
    /** The request body is not the XML (or JSON) the protocol expects. */
    PARSE_XML(-40002),
    /** A signature could not be computed. */
    COMPUTE_SIGNATURE(-40003),
    /** The EncodingAESKey is not 43 characters of {@code [A-Za-z0-9]}. */
    ILLEGAL_AES_KEY(-40004),
    /** The decrypted message names another app id / corp id than this account's. */
    VALIDATE_APPID(-40005),
    /** AES encryption failed. */
    ENCRYPT_AES(-40006),
    /** AES decryption failed: wrong key, tampered or truncated ciphertext, bad padding. */
    DECRYPT_AES(-40007),
    /** The decrypted frame is malformed: bad length field or message not valid UTF-8. */
    ILLEGAL_BUFFER(-40008),
    /** Base64 encoding failed. */
    ENCODE_BASE64(-40009),
    /** The ciphertext is not valid Base64. */
    DECODE_BASE64(-40010),
    /** The reply envelope could not be generated. */
    GEN_RETURN_XML(-40011);

    private final int code;

    WxCryptError(int code) {
        this.code = code;
    }

    /** The official numeric code, e.g. {@code -40001}. */
    public int code() {
        return code;
    }
}
