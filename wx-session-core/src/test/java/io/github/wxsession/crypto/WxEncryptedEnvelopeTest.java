package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.message.WxXmlMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WxEncryptedEnvelopeTest {

    private static final String CIPHERTEXT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS/";

    @Test
    void findsTheCiphertextInWeChatsEnvelope() {
        String envelope = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[" + CIPHERTEXT
                + "]]></Encrypt></xml>";
        assertThat(WxEncryptedEnvelope.ciphertextOf(utf8(envelope))).isEqualTo(CIPHERTEXT)
                .as("the same text the parser reads").isEqualTo(WxXmlMessage.fromXml(envelope).getEncrypt());
    }

    @Test
    void findsItWithoutCdataAndInAWeComEnvelope() {
        assertThat(WxEncryptedEnvelope.ciphertextOf(utf8("<xml>\n  <Encrypt>" + CIPHERTEXT + "</Encrypt>\n</xml>")))
                .isEqualTo(CIPHERTEXT);
        assertThat(WxEncryptedEnvelope.ciphertextOf(utf8("<xml><ToUserName><![CDATA[corp]]></ToUserName><AgentID>1"
                + "</AgentID><Encrypt><![CDATA[" + CIPHERTEXT + "]]></Encrypt></xml>"))).isEqualTo(CIPHERTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<xml><ToUserName>gh</ToUserName></xml>",
        "<xml><Encrypt></Encrypt></xml>",
        "<xml><Encrypt><![CDATA[]]></Encrypt></xml>",
        "<xml><Encrypt>abc",
        "<xml><Encrypt><![CDATA[abc]]> </Encrypt></xml>",
        "<xml><Encrypt><![CDATA[abc</Encrypt></xml>",
        "<xml><Encrypt>ab cd</Encrypt></xml>",
        "<xml><Encrypt>&amp;abc</Encrypt></xml>",
        "<xml><Encrypt>abc</Encrypt><Encrypt>def</Encrypt></xml>",
        "<xml><Encrypt><x>abc</x></Encrypt></xml>",
        ""
    })
    void leavesAnythingButTheSimpleShapeToTheParser(String envelope) {
        assertThat(WxEncryptedEnvelope.ciphertextOf(utf8(envelope))).isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
