package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyCodecTest {

    private static final String SENDER = "oUser0000000000000000042";
    private static final WxXmlMessage MESSAGE = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_0123456789ab]]>"
            + "</ToUserName><FromUserName><![CDATA[" + SENDER + "]]></FromUserName><CreateTime>1700000000</CreateTime>"
            + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[50]]></Content><MsgId>1</MsgId></xml>");

    @Test
    void aTextReplyShrinksToItsContentAndAFewBytesAndComesBackTheSame() {
        String xml = WxXmlOutMessage.replyTo(MESSAGE).createTime(1700000001).text("Lower! 7 tries left.").toXml();

        byte[] encoded = ReplyCodec.encode(xml, SENDER);

        assertThat(ReplyCodec.decode(encoded, 0, encoded.length, SENDER)).isEqualTo(xml);
        // The account, the time and the content, with a flag and six tokens (the sender one of them).
        assertThat(encoded.length).isEqualTo(1 + 1 + 1 + 1 + "gh_0123456789ab".length() + 1 + 10 + 1
                + "Lower! 7 tries left.".length() + 1);
        assertThat(xml.length()).isGreaterThan(3 * encoded.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"第一行\n第二行\tand a tab\r", "mentions oUser0000000000000000042 twice: oUser0000000000000000042",
            "]]></ and <![CDATA[ inside", ""})
    void anyContentComesBackTheSame(String content) {
        String xml = WxXmlOutMessage.replyTo(MESSAGE).createTime(1).text(content).toXml();

        byte[] encoded = ReplyCodec.encode(xml, SENDER);

        assertThat(ReplyCodec.decode(encoded, 0, encoded.length, SENDER)).isEqualTo(xml);
    }

    @Test
    void otherBodiesComeBackTheSame() {
        String xml = WxXmlOutMessage.replyTo(MESSAGE).createTime(1).image("media-1").toXml();

        byte[] encoded = ReplyCodec.encode(xml, SENDER);

        assertThat(ReplyCodec.decode(encoded, 0, encoded.length, SENDER)).isEqualTo(xml);
        assertThat(encoded.length).isLessThan(xml.length() / 2);
    }

    @Test
    void aReplyHoldingATokenByteIsKeptRaw() {
        String xml = "<xml>\u000e\u0017 not XML a writer of ours would make</xml>";

        byte[] encoded = ReplyCodec.encode(xml, SENDER);

        assertThat(encoded[0]).as("raw").isZero();
        assertThat(ReplyCodec.decode(encoded, 0, encoded.length, SENDER)).isEqualTo(xml);
    }

    @Test
    void withoutASenderOnlyTheEnvelopeIsTokenized() {
        String xml = WxXmlOutMessage.replyTo(MESSAGE).createTime(1).text("hi").toXml();

        byte[] encoded = ReplyCodec.encode(xml, null);

        assertThat(ReplyCodec.decode(encoded, 0, encoded.length, null)).isEqualTo(xml);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains(SENDER);
    }

    @Test
    void decodesFromTheMiddleOfAnArray() {
        String xml = WxXmlOutMessage.replyTo(MESSAGE).createTime(1).text("ok").toXml();
        byte[] encoded = ReplyCodec.encode(xml, SENDER);
        byte[] surrounded = new byte[encoded.length + 10];
        System.arraycopy(encoded, 0, surrounded, 5, encoded.length);

        assertThat(ReplyCodec.decode(surrounded, 5, encoded.length, SENDER)).isEqualTo(xml);
    }
}
