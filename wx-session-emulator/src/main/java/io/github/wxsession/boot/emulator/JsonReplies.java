package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.crypto.WxCryptError;
import io.github.wxsession.crypto.WxCryptException;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxJsonMessageParser;
import java.io.IOException;
import java.util.List;

/**
 * Reads the JSON channels' answers as their servers would before showing them: checks the reply
 * envelope's signature, decrypts it, and turns it into bubbles.
 */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {
    }

    /** The decrypted plaintext of an AI bot's reply envelope ({@code encrypt, msgsignature, timestamp, nonce}). */
    static String openAibot(WxMessageCrypt crypt, String body) {
        JsonNode envelope = parse(body);
        return crypt.decryptMessage(text(envelope, "msgsignature"), text(envelope, "timestamp"), text(envelope, "nonce"),
                text(envelope, "encrypt"));
    }

    /** The bubbles of an AI bot's decrypted reply. */
    static List<BotMessage> aibotBubbles(String plaintext) {
        return List.of(BotMessage.fromAibotJson(parse(plaintext)));
    }

    /** The decrypted plaintext of a mini program's reply envelope ({@code Encrypt, MsgSignature, TimeStamp, Nonce}). */
    static String openMiniProgram(WxMessageCrypt crypt, String body) {
        JsonNode envelope = parse(body);
        if (!envelope.has("Encrypt")) {
            throw new WxCryptException(WxCryptError.PARSE_XML, "an encrypted message was answered in plaintext");
        }
        return crypt.decryptMessage(text(envelope, "MsgSignature"), text(envelope, "TimeStamp"), text(envelope, "Nonce"),
                text(envelope, "Encrypt"));
    }

    /** The bubbles of a mini program's passive reply in JSON (a hand-over to customer service). */
    static List<BotMessage> miniProgramBubbles(String plaintext) {
        return List.of(BotMessage.fromReplyXml(WxJsonMessageParser.defaults().parse(plaintext)));
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new WxCryptException(WxCryptError.PARSE_XML, "the reply is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WxCryptException(WxCryptError.PARSE_XML, "the reply is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode envelope, String member) {
        JsonNode value = envelope.get(member);
        if (value == null || value.isNull()) {
            throw new WxCryptException(WxCryptError.PARSE_XML, "the reply envelope has no \"" + member + "\"");
        }
        return value.asText();
    }
}
