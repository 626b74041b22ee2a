package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
        assertCannotGenerate(() -> new WxEncryptedReply("ELGd==", "1b93", "1713424427", "1]]><x/>"))
                .hasMessageContaining("nonce contains ]]>");
    }

    @Test
    void timestampThatIsNotDigitsIsRejected() {
        assertCannotGenerate(() -> new WxEncryptedReply("ELGd==", "1b93", "17134<x/>", "415670741"))
                .hasMessageContaining("digits only");
    }

    @Test
    void encryptReplyRefusesANonceItCannotEmbed() {
        WxMessageCrypt crypt = WxMessageCrypt.of("AAAAA", "A".repeat(43), "wxba5fad812f8e6fb9");

        assertCannotGenerate(() -> crypt.encryptReply("<xml/>", "1713424427", "]]>"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCannotGenerate(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(WxCryptException.class,
                e -> assertThat(e.code()).isEqualTo(-40011));
    }
}
