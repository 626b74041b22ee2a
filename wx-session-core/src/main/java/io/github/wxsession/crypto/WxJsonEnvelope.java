package io.github.wxsession.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two JSON envelopes of encrypted callbacks, each with the matching reply envelope. The
 * crypto inside is the XML channels' ({@link WxMessageCrypt}); only the envelope differs.
 *
 * <ul>
 * <li>{@link #AIBOT}: the WeCom AI bot. In: {@code {"encrypt":"…"}}; out:
 *     {@code {"encrypt","msgsignature","timestamp","nonce"}}, lower case, the timestamp as a
 *     string, as Tencent's {@code WXBizJsonMsgCrypt} writes it (its documentation shows a number;
 *     the signature is the same either way).
 * <li>{@link #MINI_PROGRAM}: mini-program message push in JSON format, safe mode. In:
 *     {@code {"ToUserName":"gh_…","Encrypt":"…"}}; out:
 *     {@code {"Encrypt","MsgSignature","TimeStamp","Nonce"}}, the timestamp a number, as the
 *     official example.
 * </ul>
 *
 * As with {@link WxEncryptedEnvelope}, only the ciphertext is read: the signature covers it and
 * the decrypted message is parsed in full, so nothing else in the envelope is trusted. The body
 * must still be one well-formed JSON object with that member once, holding a string.
 */
public enum WxJsonEnvelope {

    /** The WeCom AI bot's lower-case envelope. */
    AIBOT("encrypt") {
        @Override
        public String write(WxEncryptedReply reply) {
            return "{\"encrypt\":\"" + reply.encrypt() + "\",\"msgsignature\":\"" + reply.msgSignature()
                    + "\",\"timestamp\":\"" + reply.timestamp() + "\",\"nonce\":\"" + quoted(reply.nonce()) + "\"}";
        }
    },

    /** The mini program's PascalCase envelope. */
    MINI_PROGRAM("Encrypt") {
        @Override
        public String write(WxEncryptedReply reply) {
            return "{\"Encrypt\":\"" + reply.encrypt() + "\",\"MsgSignature\":\"" + reply.msgSignature()
                    + "\",\"TimeStamp\":" + reply.timestamp() + ",\"Nonce\":\"" + quoted(reply.nonce()) + "\"}";
        }
    };

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String member;

    WxJsonEnvelope(String member) {
        this.member = member;
    }

    /** The name of the member that holds the ciphertext: {@code encrypt} or {@code Encrypt}. */
    public String member() {
        return member;
    }

    /**
     * The reply envelope around an encrypted reply. The ciphertext (Base64), signature (hex) and
     * timestamp (digits, checked by {@link WxEncryptedReply}) need no escaping; the nonce, which
     * comes from the request, is escaped.
     */
    public abstract String write(WxEncryptedReply reply);

    /**
     * The ciphertext of an encrypted callback body.
     *
     * @param body the request body, UTF-8; its size is the caller's to bound
     * @throws WxCryptException {@link WxCryptError#PARSE_XML} (Tencent's "ParseJsonError" for
     *         JSON) if the body is not one JSON object holding this envelope's member once, as a
     *         non-empty string
     */
    public String ciphertextOf(byte[] body) {
        String found = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw refused("the body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean ours = member.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (ours) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw refused("\"" + member + "\" is not a string");
                    }
                    found = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw refused("the body goes on after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new WxCryptException(WxCryptError.PARSE_XML, "the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // Reading from a byte array does no I/O; Jackson declares it anyway.
            throw new UncheckedIOException(e);
        }
        if (found == null || found.isEmpty()) {
            throw refused("the body has no \"" + member + "\"");
        }
        return found;
    }

    private static WxCryptException refused(String why) {
        return new WxCryptException(WxCryptError.PARSE_XML, why);
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
