package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WxEncryptedReplyTest {

    @Test
    void xmlIsTheSamplesEnvelopeByteForByte() {
        WxEncryptedReply reply = new WxEncryptedReply("ELGd==", "1b93", "1713424427", "415670741");

        assertThat(reply.toXml()).isEqualTo("<xml>\n"
                + "<Encrypt><![CDATA[ELGd==]]></Encrypt>\n"
                + "<MsgSignature><![CDATA[1b93]]></MsgSignature>\n"
                + "<TimeStamp>1713424427</TimeStamp>\n"
                + "<Nonce><![CDATA[415670741]]></Nonce>\n"
                + "</xml>");
    }

    @Test
    void nonceThatWouldCloseItsCdataIsRejected() {
        assertThatThrownBy(() -> new WxEncryptedReply("ELGd==", "1b93", "1713424427", "1]]><x/>"))
                .isInstanceOfSatisfying(WxCryptException.class,
                        e -> assertThat(e.error()).isEqualTo(WxCryptError.GEN_RETURN_XML))
                .hasMessageContaining("nonce contains ]]>");
    }

    @Test
    void timestampThatIsNotDigitsIsRejected() {
        assertThatThrownBy(() -> new WxEncryptedReply("ELGd==", "1b93", "17134<x/>", "415670741"))
                .isInstanceOfSatisfying(WxCryptException.class,
                        e -> assertThat(e.error()).isEqualTo(WxCryptError.GEN_RETURN_XML))
                .hasMessageContaining("digits only");
    }

    @Test
    void encryptReplyRefusesANonceItCannotEmbed() {
        WxMessageCrypt crypt = WxMessageCrypt.of("AAAAA", "A".repeat(43), "wxba5fad812f8e6fb9");

        assertThatThrownBy(() -> crypt.encryptReply("<xml/>", "1713424427", "]]>"))
                .isInstanceOfSatisfying(WxCryptException.class,
                        e -> assertThat(e.code()).isEqualTo(-40011));
    }
}
