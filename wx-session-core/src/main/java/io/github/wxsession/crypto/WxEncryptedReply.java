package io.github.wxsession.crypto;

import java.util.Objects;

/**
 * An encrypted passive reply: the four values of WeChat's reply envelope.
 *
 * @param encrypt      the Base64 ciphertext of the reply
 * @param msgSignature SHA-1 over token, timestamp, nonce and {@code encrypt}
 * @param timestamp    seconds since the epoch, digits only
 * @param nonce        the nonce that was signed, often the request's own
 */
public record WxEncryptedReply(String encrypt, String msgSignature, String timestamp, String nonce) {

    /**
     * Checks that every value can be embedded in the envelope as is.
     *
     * @throws WxCryptException {@link WxCryptError#GEN_RETURN_XML} if the timestamp is not all
     *         digits or a value contains {@code ]]>} (which would close its CDATA section)
     */
    public WxEncryptedReply {
        requireCdataSafe(encrypt, "encrypt");
        requireCdataSafe(msgSignature, "msgSignature");
        requireCdataSafe(nonce, "nonce");
        requireDigits(timestamp);
    }

    private static void requireDigits(String timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        boolean digits = !timestamp.isEmpty();
        for (int i = 0; i < timestamp.length() && digits; i++) {
            digits = timestamp.charAt(i) >= '0' && timestamp.charAt(i) <= '9';
        }
        if (!digits) {
            throw new WxCryptException(WxCryptError.GEN_RETURN_XML,
                    "the timestamp must be seconds since the epoch, digits only");
        }
    }

    private static void requireCdataSafe(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.contains("]]>")) {
            throw new WxCryptException(WxCryptError.GEN_RETURN_XML, "the " + name + " contains ]]>");
        }
    }

    /** The envelope exactly as Tencent's WXBizMsgCrypt samples write it, newlines included. */
    public String toXml() {
        return "<xml>\n<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n"
                + "<MsgSignature><![CDATA[" + msgSignature + "]]></MsgSignature>\n"
                + "<TimeStamp>" + timestamp + "</TimeStamp>\n"
                + "<Nonce><![CDATA[" + nonce + "]]></Nonce>\n</xml>";
    }
}
