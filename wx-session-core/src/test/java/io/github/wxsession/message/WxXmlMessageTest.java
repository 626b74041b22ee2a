package io.github.wxsession.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxMessageParseException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound normal messages of the protocol reference §4.1 and the generic access rules. */
class WxXmlMessageTest {

    @Test
    void readsTheOfficialTextExampleWithItsIndentation() {
        WxXmlMessage message = WxXmlMessage.fromXml("""
                <xml>
                  <ToUserName><![CDATA[toUser]]></ToUserName>
                  <FromUserName><![CDATA[fromUser]]></FromUserName>
                  <CreateTime>1348831860</CreateTime>
                  <MsgType><![CDATA[text]]></MsgType>
                  <Content><![CDATA[this is a test]]></Content>
                  <MsgId>1234567890123456</MsgId>
                  <MsgDataId>xxxx</MsgDataId>
                  <Idx>xxxx</Idx>
                </xml>
                """);

        assertThat(message.getToUserName()).isEqualTo("toUser");
        assertThat(message.getFromUserName()).isEqualTo("fromUser");
        assertThat(message.getCreateTime()).isEqualTo(1348831860L);
        assertThat(message.getMsgType()).isEqualTo(WxMsgType.TEXT);
        assertThat(message.getContent()).isEqualTo("this is a test");
        assertThat(message.getMsgId()).isEqualTo(1234567890123456L);
        assertThat(message.getMsgDataId()).isEqualTo("xxxx");
        assertThat(message.getIdx()).isEqualTo("xxxx");
        assertThat(message.getEvent()).isNull();
        assertThat(message.getAgentId()).isNull();
    }

    @Test
    void readsARealTextMessageWithChineseContentAndA64BitMsgId() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_47bd9550a0a1]]></ToUserName>"
                + "<FromUserName><![CDATA[oFTYt0l9wQDDhwmx1js_d1T6zZkw]]></FromUserName><CreateTime>1530689641</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[文本消息]]></Content><MsgId>6574261948839470964</MsgId></xml>");

        assertThat(message.getContent()).isEqualTo("文本消息");
        assertThat(message.getMsgId()).isEqualTo(6574261948839470964L);
        assertThat(message.getFromUserName()).isEqualTo("oFTYt0l9wQDDhwmx1js_d1T6zZkw");
    }

    @Test
    void readsAnImageMessage() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("image")
                + "<PicUrl><![CDATA[this is a url]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId></xml>");

        assertThat(message.getMsgType()).isEqualTo(WxMsgType.IMAGE);
        assertThat(message.getPicUrl()).isEqualTo("this is a url");
        assertThat(message.getMediaId()).isEqualTo("media_id");
    }

    @Test
    void readsAVoiceMessageWithAndWithoutRecognition() {
        WxXmlMessage plain = WxXmlMessage.fromXml(head("voice")
                + "<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[Format]]></Format><MsgId>1234567890123456</MsgId></xml>");
        WxXmlMessage recognized = WxXmlMessage.fromXml(head("voice")
                + "<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[amr]]></Format>"
                + "<Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>1234567890123456</MsgId></xml>");

        assertThat(plain.getFormat()).isEqualTo("Format");
        assertThat(plain.getRecognition()).isNull();
        assertThat(recognized.getFormat()).isEqualTo("amr");
        assertThat(recognized.getRecognition()).isEqualTo("腾讯微信团队");
    }

    @Test
    void readsVideoAndShortVideoMessages() {
        String body = "<MediaId><![CDATA[media_id]]></MediaId><ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>"
                + "<MsgId>1234567890123456</MsgId></xml>";

        WxXmlMessage video = WxXmlMessage.fromXml(head("video") + body);
        WxXmlMessage shortVideo = WxXmlMessage.fromXml(head("shortvideo") + body);

        assertThat(video.getMsgType()).isEqualTo(WxMsgType.VIDEO);
        assertThat(video.getThumbMediaId()).isEqualTo("thumb_media_id");
        assertThat(shortVideo.getMsgType()).isEqualTo(WxMsgType.SHORTVIDEO);
        assertThat(shortVideo.getMediaId()).isEqualTo("media_id");
    }

    @Test
    void readsALocationMessageWithBareNumbers() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("location")
                + "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale>"
                + "<Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456</MsgId></xml>");

        assertThat(message.getLocationX()).isEqualTo(23.134521);
        assertThat(message.getLocationY()).isEqualTo(113.358803);
        assertThat(message.getScale()).isEqualTo(20.0);
        assertThat(message.getLabel()).isEqualTo("位置信息");
    }

    @Test
    void readsALinkMessage() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("link")
                + "<Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[公众平台官网链接]]></Description>"
                + "<Url><![CDATA[url]]></Url><MsgId>1234567890123456</MsgId></xml>");

        assertThat(message.getTitle()).isEqualTo("公众平台官网链接");
        assertThat(message.getDescription()).isEqualTo("公众平台官网链接");
        assertThat(message.getUrl()).isEqualTo("url");
    }

    @Test
    void readsTheWeComAgentIdOfATextMessage() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>"
                + "<FromUserName><![CDATA[mycreate]]></FromUserName><CreateTime>1409659813</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>"
                + "<MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>");

        assertThat(message.getAgentId()).isEqualTo("218");
        assertThat(message.getToUserName()).isEqualTo("wx5823bf96d3bd56c7");
        assertThat(message.getContent()).isEqualTo("hello");
    }

    @Test
    void readsTheSafeModeEnvelope() {
        WxXmlMessage envelope = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<Encrypt><![CDATA[+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c==]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>");

        assertThat(envelope.getEncrypt()).isEqualTo("+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c==");
        assertThat(envelope.getCreateTime()).isNull();
        assertThat(envelope.getMsgType()).isNull();
        assertThat(envelope.getAgentId()).isEqualTo("1");
    }

    @Test
    void keepsUnknownMessageTypesAndElementsReachableByName() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("hologram")
                + "<Depth>3</Depth><Projector><Model><![CDATA[H-1]]></Model></Projector><MsgId>42</MsgId></xml>");

        assertThat(message.getMsgType()).isEqualTo("hologram");
        assertThat(message.get("Depth")).isEqualTo("3");
        assertThat(message.getElement("Projector").getChildText("Model")).isEqualTo("H-1");
        assertThat(message.get("Projector")).isEmpty();
        assertThat(message.get("Absent")).isNull();
        assertThat(message.getElements()).extracting(WxXmlElement::getName)
                .containsExactly("ToUserName", "FromUserName", "CreateTime", "MsgType", "Depth", "Projector", "MsgId");
    }

    @Test
    void keepsTextExactlyAsSentIncludingWhitespaceEntitiesAndMixedCdata() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("text")
                + "<Content>  a &amp; b &lt;c&gt; <![CDATA[<raw>&amp;]]>&#x4E2D; </Content><Space> </Space><Empty/></xml>");

        assertThat(message.getContent()).isEqualTo("  a & b <c> <raw>&amp;中 ");
        assertThat(message.get("Space")).isEqualTo(" ");
        assertThat(message.get("Empty")).isEmpty();
    }

    @Test
    void theFirstOfRepeatedTopLevelElementsWinsAndAllStayReachable() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("text")
                + "<Content>one</Content><Content>two</Content></xml>");

        assertThat(message.getContent()).isEqualTo("one");
        assertThat(message.get("Content")).isEqualTo("one");
        assertThat(message.getRoot().getChildren("Content")).extracting(WxXmlElement::getText)
                .containsExactly("one", "two");
    }

    @Test
    void ignoresCommentsAndProcessingInstructions() {
        WxXmlMessage message = WxXmlMessage.fromXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- hi -->"
                + head("text") + "<Content>a<!-- split -->b</Content><?pi data?></xml>");

        assertThat(message.getContent()).isEqualTo("ab");
    }

    @Test
    void parsesUtf8Bytes() {
        byte[] body = (head("text") + "<Content><![CDATA[你好 👋]]></Content></xml>").getBytes(StandardCharsets.UTF_8);

        assertThat(WxXmlMessage.fromXml(body).getContent()).isEqualTo("你好 👋");
    }

    @Test
    void numericGettersRefuseTextThatIsNotANumber() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><CreateTime>soon</CreateTime><Scale>x</Scale></xml>");

        assertThatThrownBy(message::getCreateTime).isInstanceOf(WxMessageParseException.class)
                .hasMessageContaining("CreateTime is not a number: 'soon'")
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.INVALID_NUMBER);
        assertThatThrownBy(message::getScale).isInstanceOf(WxMessageParseException.class);
        assertThat(message.getMsgId()).isNull();
    }

    @Test
    void numericGettersTolerateSurroundingWhitespace() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><CreateTime>\n 1348831860 \n</CreateTime></xml>");

        assertThat(message.getCreateTime()).isEqualTo(1348831860L);
    }

    @Test
    void matchesMsgTypeAndEventIgnoringCase() {
        WxXmlMessage scan = WxXmlMessage.fromXml(head("event") + "<Event><![CDATA[SCAN]]></Event></xml>");

        assertThat(scan.isMsgType("EVENT")).isTrue();
        assertThat(scan.isEvent("scan")).isTrue();
        assertThat(scan.isEvent(WxEventType.SCAN)).isTrue();
        assertThat(scan.isEvent(WxEventType.SUBSCRIBE)).isFalse();
        assertThat(scan.isMsgType(WxMsgType.TEXT)).isFalse();
    }

    @Test
    void elementListsAreReadOnly() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("text") + "</xml>");

        List<WxXmlElement> elements = message.getElements();
        assertThatThrownBy(() -> elements.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.getRoot().getChildren("MsgType").clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNamesTheMessageWithoutItsContent() {
        WxXmlMessage message = WxXmlMessage.fromXml(head("text") + "<Content>secret</Content><MsgId>7</MsgId></xml>");

        assertThat(message.toString()).contains("MsgType=text", "MsgId=7", "FromUserName=fromUser")
                .doesNotContain("secret");
    }

    static String head(String msgType) {
        return "<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>"
                + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[" + msgType + "]]></MsgType>";
    }
}
