package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON channels' vectors of {@code shared/reference/json-callbacks.md} §A.7, byte for byte:
 * Tencent's JSON samples (J1–J3, corp-id framed) and the AI-bot vectors with the empty receiveid
 * (D1–D3). The file {@code json-callback-vectors.json} copies them out of that document.
 */
class WxJsonCallbackVectorsTest {

    private static final JsonNode VECTORS = load();
    private static final JsonNode OFFICIAL = VECTORS.get("official");

    private static JsonNode load() {
        try (InputStream in = WxJsonCallbackVectorsTest.class.getResourceAsStream("/json-callback-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }

    private static WxMessageCrypt official(String receiveId) {
        return WxMessageCrypt.of(text(OFFICIAL, "token"), text(OFFICIAL, "encodingAesKey"), receiveId);
    }

    private static WxMessageCrypt official(String receiveId, JsonNode vector) {
        return WxMessageCrypt.builder(text(OFFICIAL, "token"), text(OFFICIAL, "encodingAesKey"), receiveId)
                .random(new FixedRandom(text(vector, "random16"))).build();
    }

    private static byte[] body(JsonNode vector) {
        return vector.get("body").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertPad(JsonNode vector, String ciphertext) {
        byte[] frame = new ReferenceAes(text(OFFICIAL, "encodingAesKey")).decrypt(ciphertext);
        assertThat(frame[frame.length - 1]).isEqualTo((byte) vector.get("pad").asInt());
    }

    @Test
    void goSampleIsVerifiedDecryptedAndReproduced() {
        JsonNode j1 = VECTORS.get("J1");
        String encrypt = WxJsonEnvelope.AIBOT.ciphertextOf(body(j1));

        String plaintext = official(text(OFFICIAL, "receiveId")).decryptMessage(text(j1, "msg_signature"),
                text(OFFICIAL, "timestamp"), text(OFFICIAL, "nonce"), encrypt);

        assertThat(plaintext).isEqualTo(text(j1, "plaintext"));
        assertThat(plaintext.getBytes(StandardCharsets.UTF_8)).hasSize(j1.get("plaintext_bytes").asInt());
        assertPad(j1, encrypt);
        assertThat(official(text(OFFICIAL, "receiveId"), j1).encrypt(plaintext)).isEqualTo(encrypt);
    }

    @Test
    void cppSamplePadsAboveSixteenBytes() {
        JsonNode j2 = VECTORS.get("J2");
        String encrypt = WxJsonEnvelope.AIBOT.ciphertextOf(body(j2));

        String plaintext = official(text(OFFICIAL, "receiveId")).decryptMessage(text(j2, "msg_signature"),
                text(OFFICIAL, "timestamp"), text(OFFICIAL, "nonce"), encrypt);

        assertThat(plaintext).startsWith("<xml>");
        assertThat(plaintext.getBytes(StandardCharsets.UTF_8)).hasSize(j2.get("plaintext_bytes").asInt());
        assertPad(j2, encrypt);
        assertThat(official(text(OFFICIAL, "receiveId"), j2).encrypt(plaintext)).isEqualTo(encrypt);
    }

    @Test
    void pythonSampleVerifiesItsUrlAndDecryptsItsCapitalisedEnvelope() {
        JsonNode j3 = VECTORS.get("J3");
        WxMessageCrypt crypt = WxMessageCrypt.of(text(j3, "token"), text(j3, "encodingAesKey"), text(j3, "receiveId"));
        JsonNode get = j3.get("get");
        JsonNode post = j3.get("post");

        assertThat(crypt.verifyUrl(text(get, "msg_signature"), text(get, "timestamp"), text(get, "nonce"),
                text(get, "echostr"))).isEqualTo(text(get, "expected_response_body"));
        // The older Python variant wraps it as {"ToUserName","Encrypt","AgentID"}: the mini program's member name.
        byte[] envelope = ("{\"ToUserName\":\"" + text(j3, "receiveId") + "\",\"Encrypt\":\"" + text(post, "encrypt")
                + "\",\"AgentID\":218}").getBytes(StandardCharsets.UTF_8);
        String plaintext = crypt.decryptMessage(text(post, "msg_signature"), text(post, "timestamp"),
                text(post, "nonce"), WxJsonEnvelope.MINI_PROGRAM.ciphertextOf(envelope));
        // Its plaintext is not valid JSON ("FromUserName": :mycreate"): crypto only.
        assertThat(plaintext.getBytes(StandardCharsets.UTF_8)).hasSize(post.get("plaintext_bytes").asInt());
        assertThat(plaintext).contains(":mycreate\"");
    }

    @Test
    void aiBotUrlVerificationWithTheEmptyReceiveId() {
        JsonNode d1 = VECTORS.get("D1");
        Map<String, String> query = query(text(d1, "query"));
        WxMessageCrypt aiBot = official("");

        assertThat(WxSignatures.sortedSha1(text(OFFICIAL, "token"), query.get("timestamp"), query.get("nonce"),
                query.get("echostr"))).isEqualTo(text(d1, "msg_signature"));
        assertThat(aiBot.verifyUrl(text(d1, "msg_signature"), query.get("timestamp"), query.get("nonce"),
                query.get("echostr"))).isEqualTo(text(d1, "expected_response_body"));
        assertPad(d1, query.get("echostr"));
        assertThat(official("", d1).encrypt(text(d1, "expected_response_body"))).isEqualTo(query.get("echostr"));
    }

    @Test
    void aiBotMessageIsVerifiedDecryptedAndReproduced() {
        JsonNode d2 = VECTORS.get("D2");
        String encrypt = WxJsonEnvelope.AIBOT.ciphertextOf(body(d2));

        String plaintext = official("").decryptMessage(text(d2, "msg_signature"), text(d2, "timestamp"),
                text(d2, "nonce"), encrypt);

        assertThat(plaintext).isEqualTo(text(d2, "plaintext"));
        assertPad(d2, encrypt);
        assertThat(official("", d2).encrypt(plaintext)).isEqualTo(encrypt);
    }

    @Test
    void aiBotReplyEnvelopeIsReproducedByteForByte() throws IOException {
        JsonNode d3 = VECTORS.get("D3");
        assertThat(text(d3, "plaintext").getBytes(StandardCharsets.UTF_8)).hasSize(d3.get("plaintext_bytes").asInt());

        WxEncryptedReply reply = official("", d3).encryptReply(text(d3, "plaintext"), text(d3, "timestamp"),
                text(d3, "nonce"));
        String envelope = WxJsonEnvelope.AIBOT.write(reply);

        assertThat(envelope).isEqualTo(d3.get("reply_envelope").toString());
        assertThat(new ObjectMapper().readTree(envelope)).isEqualTo(d3.get("reply_envelope"));
        assertPad(d3, reply.encrypt());
    }

    @Test
    void receiveIdsAreComparedExactlyInBothDirections() {
        JsonNode d2 = VECTORS.get("D2");
        JsonNode j1 = VECTORS.get("J1");

        assertThatThrownBy(() -> official(text(OFFICIAL, "receiveId")).decryptMessage(text(d2, "msg_signature"),
                text(d2, "timestamp"), text(d2, "nonce"), WxJsonEnvelope.AIBOT.ciphertextOf(body(d2))))
                .isInstanceOfSatisfying(WxCryptException.class,
                        e -> assertThat(e.error()).isEqualTo(WxCryptError.VALIDATE_APPID));
        assertThatThrownBy(() -> official("").decryptMessage(text(j1, "msg_signature"), text(OFFICIAL, "timestamp"),
                text(OFFICIAL, "nonce"), WxJsonEnvelope.AIBOT.ciphertextOf(body(j1))))
                .isInstanceOfSatisfying(WxCryptException.class,
                        e -> assertThat(e.error()).isEqualTo(WxCryptError.VALIDATE_APPID));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
