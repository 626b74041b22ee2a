package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces every public vector of {@code wechat-test-vectors.json} byte for byte. The file is a
 * byte-identical copy of {@code shared/reference/wechat-test-vectors.json}, kept in the test
 * resources so a clean clone builds on its own.
 */
class WxCryptVectorsTest {

    private static final Map<String, JsonNode> VECTORS = loadVectors();

    private static Map<String, JsonNode> loadVectors() {
        Map<String, JsonNode> byId = new HashMap<>();
        try (InputStream in = WxCryptVectorsTest.class.getResourceAsStream("/wechat-test-vectors.json")) {
            for (JsonNode vector : new ObjectMapper().readTree(in)) {
                byId.put(vector.get("id").asText(), vector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byId;
    }

    @Test
    void everyVectorInTheFileIsReproducedHere() {
        // A vector added to the file must get a test here before the build passes again.
        assertThat(VECTORS).containsOnlyKeys("V1", "V5", "V8", "V10");
    }

    @Test
    void weComUrlVerificationDecryptsTheEchostr() {
        JsonNode v1 = VECTORS.get("V1");
        WxMessageCrypt crypt = crypt(v1);

        String echostr = URLDecoder.decode(text(v1, "echostr_url_encoded"), StandardCharsets.UTF_8);
        assertThat(echostr).isEqualTo(text(v1, "echostr"));
        assertThat(WxSignatures.sortedSha1(text(v1, "token"), text(v1, "timestamp"), text(v1, "nonce"), echostr))
                .isEqualTo(text(v1, "msg_signature"));
        assertThat(crypt.verifyUrl(text(v1, "msg_signature"), text(v1, "timestamp"), text(v1, "nonce"), echostr))
                .isEqualTo(text(v1, "expected_response_body"));
    }

    @Test
    void weComEchostrIsReproducedFromItsRandomPrefix() {
        JsonNode v1 = VECTORS.get("V1");
        JsonNode internals = v1.get("expected_internals");
        byte[] frame = new ReferenceAes(text(v1, "encodingAesKey")).decrypt(text(v1, "echostr"));

        assertThat(new String(frame, 0, 16, StandardCharsets.US_ASCII)).isEqualTo(text(internals, "random16"));
        assertThat(frame[frame.length - 1]).isEqualTo((byte) internals.get("pad").asInt());
        WxMessageCrypt fixed = crypt(v1, text(internals, "random16"));
        assertThat(fixed.encrypt(text(v1, "expected_response_body"))).isEqualTo(text(v1, "echostr"));
    }

    static Stream<JsonNode> v5Cases() {
        return StreamSupport.stream(VECTORS.get("V5").get("cases").spliterator(), false);
    }

    @ParameterizedTest
    @MethodSource("v5Cases")
    void officialAccountEncryptionWithFixedRandomMatchesTheSamples(JsonNode testCase) {
        JsonNode v5 = VECTORS.get("V5");
        WxMessageCrypt crypt = crypt(v5, text(v5, "random16"));

        assertThat(crypt.encrypt(text(testCase, "plaintext"))).isEqualTo(text(testCase, "expected_encrypt"));
    }

    @ParameterizedTest
    @MethodSource("v5Cases")
    void officialAccountSampleCiphertextDecryptsBack(JsonNode testCase) {
        WxMessageCrypt crypt = crypt(VECTORS.get("V5"));

        assertThat(crypt.decrypt(text(testCase, "expected_encrypt"))).isEqualTo(text(testCase, "plaintext"));
    }

    @Test
    void urlVerificationSignatureOfTheMessagePushDocIsAccepted() {
        JsonNode v8 = VECTORS.get("V8");
        JsonNode get = v8.get("url_verify");

        assertThat(WxSignatures.sha1Hex(text(get, "sorted_concat"))).isEqualTo(text(get, "signature"));
        crypt(v8).verifySignature(text(get, "signature"), text(get, "timestamp"), text(get, "nonce"));
        // The Official Account answers the plain verification with the echostr unchanged.
        assertThat(text(get, "expected_response_body")).isEqualTo(text(get, "echostr"));
    }

    @Test
    void plainPostSignatureOfTheMessagePushDocIsAccepted() {
        JsonNode v8 = VECTORS.get("V8");
        JsonNode post = v8.get("plain_post");

        assertThat(WxSignatures.sha1Hex(text(post, "sorted_concat"))).isEqualTo(text(post, "signature"));
        crypt(v8).verifySignature(text(post, "signature"), text(post, "timestamp"), text(post, "nonce"));
    }

    @Test
    void safeModePostIsVerifiedAndDecrypted() {
        JsonNode v8 = VECTORS.get("V8");
        JsonNode post = v8.get("safe_post");
        WxMessageCrypt crypt = crypt(v8);

        assertThat(post.get("body_json").get("Encrypt").asText()).isEqualTo(text(post, "encrypt"));
        assertThat(text(post, "query")).contains("msg_signature=" + text(post, "msg_signature"));
        // Safe mode still carries the plain signature; it must hold too.
        crypt.verifySignature(text(post, "signature"), text(post, "timestamp"), text(post, "nonce"));
        String plaintext = crypt.decryptMessage(text(post, "msg_signature"), text(post, "timestamp"),
                text(post, "nonce"), text(post, "encrypt"));

        assertThat(plaintext).isEqualTo(text(post, "expected_plaintext"));
        assertThat(plaintext.getBytes(StandardCharsets.UTF_8)).hasSize(post.get("expected_internals").get("msg_len").asInt());
    }

    @Test
    void safeModePostIsReproducedFromItsRandomPrefix() {
        JsonNode v8 = VECTORS.get("V8");
        JsonNode post = v8.get("safe_post");
        JsonNode internals = post.get("expected_internals");
        byte[] frame = new ReferenceAes(text(v8, "encodingAesKey")).decrypt(text(post, "encrypt"));

        assertThat(frame).hasSize(internals.get("TmpMsg_len").asInt());
        assertThat(frame.length - frame[frame.length - 1]).isEqualTo(internals.get("FullStr_len").asInt());
        assertThat(crypt(v8, text(internals, "random16")).encrypt(text(post, "expected_plaintext")))
                .isEqualTo(text(post, "encrypt"));
    }

    @Test
    void encryptedReplyOfTheMessagePushDocIsReproduced() {
        JsonNode v8 = VECTORS.get("V8");
        JsonNode reply = v8.get("reply");
        WxMessageCrypt crypt = crypt(v8, text(reply, "random16"));

        WxEncryptedReply envelope = crypt.encryptReply(text(reply, "plaintext"), text(reply, "timestamp"),
                text(reply, "nonce"));

        assertThat(envelope.encrypt()).isEqualTo(text(reply, "expected_encrypt"));
        assertThat(envelope.msgSignature()).isEqualTo(text(reply, "expected_msg_signature"));
        assertThat(envelope.timestamp()).isEqualTo(text(reply, "timestamp"));
        assertThat(envelope.nonce()).isEqualTo(text(reply, "nonce"));
        assertThat(new ReferenceAes(text(v8, "encodingAesKey")).decrypt(envelope.encrypt()))
                .hasSize(reply.get("TmpMsg_len").asInt());
        assertThat(crypt.decrypt(envelope.encrypt())).isEqualTo(text(reply, "plaintext"));
        // The doc's reply body: PascalCase members, TimeStamp a number, the request's nonce.
        assertThat(WxJsonEnvelope.MINI_PROGRAM.write(envelope)).isEqualTo("{\"Encrypt\":\"" + text(reply, "expected_encrypt")
                + "\",\"MsgSignature\":\"" + text(reply, "expected_msg_signature") + "\",\"TimeStamp\":"
                + text(reply, "timestamp") + ",\"Nonce\":\"" + text(reply, "nonce") + "\"}");
    }

    @Test
    void safeModeJsonEnvelopeOfTheMessagePushDocYieldsItsCiphertext() {
        JsonNode post = VECTORS.get("V8").get("safe_post");
        byte[] body = post.get("body_json").toString().getBytes(StandardCharsets.UTF_8);

        assertThat(WxJsonEnvelope.MINI_PROGRAM.ciphertextOf(body)).isEqualTo(text(post, "encrypt"));
    }

    @Test
    void jsSdkSignatureIsReproduced() {
        JsonNode v10 = VECTORS.get("V10");
        String string1 = "jsapi_ticket=" + text(v10, "jsapi_ticket") + "&noncestr=" + text(v10, "noncestr")
                + "&timestamp=" + text(v10, "timestamp") + "&url=" + text(v10, "url");

        assertThat(string1).isEqualTo(text(v10, "string1"));
        assertThat(WxSignatures.sha1Hex(string1)).isEqualTo(text(v10, "expected_signature"));
    }

    private static WxMessageCrypt crypt(JsonNode vector) {
        return WxMessageCrypt.of(text(vector, "token"), text(vector, "encodingAesKey"), text(vector, "receiveId"));
    }

    private static WxMessageCrypt crypt(JsonNode vector, String random16) {
        return WxMessageCrypt.builder(text(vector, "token"), text(vector, "encodingAesKey"), text(vector, "receiveId"))
                .random(new FixedRandom(random16))
                .build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as("field %s", field).isNotNull();
        return value.asText();
    }
}
