package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WxJsonEnvelopeTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsOnlyItsOwnMemberAndSkipsTheRest() {
        byte[] body = utf8("{\"tousername\":\"x\",\"nested\":{\"encrypt\":\"inner\"},\"encrypt\":\"QUJD\",\"agentid\":218}");

        assertThat(WxJsonEnvelope.AIBOT.ciphertextOf(body)).isEqualTo("QUJD");
        assertThatThrownBy(() -> WxJsonEnvelope.MINI_PROGRAM.ciphertextOf(body))
                .isInstanceOfSatisfying(WxCryptException.class, e -> {
                    assertThat(e.error()).isEqualTo(WxCryptError.PARSE_XML);
                    assertThat(e).hasMessageContaining("no \"Encrypt\"");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "\"encrypt\"", "{\"encrypt\":\"QUJD\"", "{\"encrypt\":\"QUJD\"}{}", "{\"encrypt\":\"QUJD\"} x",
            "{\"encrypt\":\"QUJD\",\"encrypt\":\"REVG\"}", "{\"encrypt\":42}", "{\"encrypt\":null}", "{\"encrypt\":\"\"}",
            "{\"encrypt\":{\"a\":1}}", "{encrypt:\"QUJD\"}", "{'encrypt':'QUJD'}", "<xml><Encrypt>QUJD</Encrypt></xml>"})
    void refusesAnythingButOneObjectWithItsMemberOnceAsAString(String body) {
        assertThatThrownBy(() -> WxJsonEnvelope.AIBOT.ciphertextOf(utf8(body)))
                .isInstanceOfSatisfying(WxCryptException.class, e -> assertThat(e.error()).isEqualTo(WxCryptError.PARSE_XML));
    }

    @Test
    void escapesTheNonceItEchoes() {
        WxEncryptedReply reply = new WxEncryptedReply("QUJD", "ab12", "1409659813", "n\"o\\n\u0001ce");

        assertThat(WxJsonEnvelope.AIBOT.write(reply)).isEqualTo(
                "{\"encrypt\":\"QUJD\",\"msgsignature\":\"ab12\",\"timestamp\":\"1409659813\",\"nonce\":\"n\\\"o\\\\n\\u0001ce\"}");
        assertThat(WxJsonEnvelope.MINI_PROGRAM.write(reply)).isEqualTo(
                "{\"Encrypt\":\"QUJD\",\"MsgSignature\":\"ab12\",\"TimeStamp\":1409659813,\"Nonce\":\"n\\\"o\\\\n\\u0001ce\"}");
    }
}
