package io.github.wxsession.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound events of the protocol reference §4.2, Official Account and WeCom. */
class WxXmlEventTest {

    @Test
    void readsSubscribeWithAndWithoutAnEmptyEventKey() {
        WxXmlMessage bare = event("subscribe", "");
        WxXmlMessage withEmptyKey = event("subscribe", "<EventKey><![CDATA[]]></EventKey>");

        assertThat(bare.getMsgType()).isEqualTo(WxMsgType.EVENT);
        assertThat(bare.getEvent()).isEqualTo(WxEventType.SUBSCRIBE);
        assertThat(bare.getEventKey()).isNull();
        assertThat(bare.getMsgId()).isNull();
        assertThat(withEmptyKey.getEventKey()).isEmpty();
    }

    @Test
    void readsUnsubscribe() {
        assertThat(event("unsubscribe", "").isEvent(WxEventType.UNSUBSCRIBE)).isTrue();
    }

    @Test
    void readsSubscribeFromAParametricQrCode() {
        WxXmlMessage message = event("subscribe", "<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>");

        assertThat(message.getEventKey()).isEqualTo("qrscene_123123");
        assertThat(message.getTicket()).isEqualTo("TICKET");
    }

    @Test
    void readsScanOfAParametricQrCodeWithoutThePrefix() {
        WxXmlMessage message = event("SCAN", "<EventKey><![CDATA[SCENE_VALUE]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>");

        assertThat(message.getEvent()).isEqualTo(WxEventType.SCAN);
        assertThat(message.getEventKey()).isEqualTo("SCENE_VALUE");
        assertThat(message.getTicket()).isEqualTo("TICKET");
    }

    @Test
    void readsALocationReport() {
        WxXmlMessage message = event("LOCATION",
                "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>");

        assertThat(message.getEvent()).isEqualTo(WxEventType.LOCATION);
        assertThat(message.getLatitude()).isEqualTo(23.137466);
        assertThat(message.getLongitude()).isEqualTo(113.352425);
        assertThat(message.getPrecision()).isEqualTo(119.385040);
    }

    @Test
    void readsMenuClickAndView() {
        WxXmlMessage click = event("CLICK", "<EventKey><![CDATA[EVENTKEY]]></EventKey>");
        WxXmlMessage view = event("VIEW", "<EventKey><![CDATA[www.qq.com]]></EventKey><MenuId>208396938</MenuId>");

        assertThat(click.getEvent()).isEqualTo(WxEventType.CLICK);
        assertThat(click.getEventKey()).isEqualTo("EVENTKEY");
        assertThat(view.getEvent()).isEqualTo(WxEventType.VIEW);
        assertThat(view.getEventKey()).isEqualTo("www.qq.com");
        assertThat(view.getMenuId()).isEqualTo("208396938");
    }

    @Test
    void readsTheNestedScanCodeInfoOfScancodeWaitmsg() {
        WxXmlMessage message = event("scancode_waitmsg", "<EventKey><![CDATA[6]]></EventKey>"
                + "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[2]]></ScanResult></ScanCodeInfo>");

        WxXmlElement info = message.getElement("ScanCodeInfo");
        assertThat(message.isEvent(WxEventType.SCANCODE_WAITMSG)).isTrue();
        assertThat(info.hasChildren()).isTrue();
        assertThat(info.getChildText("ScanType")).isEqualTo("qrcode");
        assertThat(info.getChildText("ScanResult")).isEqualTo("2");
    }

    @Test
    void readsEveryPicListItemOfPicSysphoto() {
        WxXmlMessage message = event("pic_sysphoto", """
                <EventKey><![CDATA[6]]></EventKey>
                <SendPicsInfo>
                  <Count>2</Count>
                  <PicList>
                    <item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>
                    <item><PicMd5Sum><![CDATA[6e8a7e5b7d4c3a2b1f0e9d8c7b6a5f4e]]></PicMd5Sum></item>
                  </PicList>
                </SendPicsInfo>""");

        WxXmlElement info = message.getElement("SendPicsInfo");
        List<WxXmlElement> items = info.getChild("PicList").getChildren("item");
        assertThat(info.getChildText("Count")).isEqualTo("2");
        assertThat(info.getText()).isEmpty();
        assertThat(items).extracting(item -> item.getChildText("PicMd5Sum"))
                .containsExactly("1b5f7c23b5bf75682a53e7b6d163e185", "6e8a7e5b7d4c3a2b1f0e9d8c7b6a5f4e");
    }

    @Test
    void readsTheSendLocationInfoOfLocationSelect() {
        WxXmlMessage message = event("location_select", "<EventKey><![CDATA[6]]></EventKey><SendLocationInfo>"
                + "<Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale>"
                + "<Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>");

        WxXmlElement info = message.getElement("SendLocationInfo");
        assertThat(info.getChildText("Location_X")).isEqualTo("23");
        assertThat(info.getChildText("Label")).isEqualTo(" 广州市海珠区客村艺苑路 106号");
        assertThat(info.getChildText("Poiname")).isEmpty();
        assertThat(message.getLocationX()).as("only top-level elements feed the typed getters").isNull();
    }

    @Test
    void readsTemplateSendJobFinishWithItsCapitalDMsgId() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[touser]]></ToUserName>"
                + "<FromUserName><![CDATA[fromuser]]></FromUserName><CreateTime>1395658920</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
                + "<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status></xml>");

        assertThat(message.isEvent(WxEventType.TEMPLATESENDJOBFINISH)).isTrue();
        assertThat(message.getEventMsgId()).isEqualTo(200163836L);
        assertThat(message.getMsgId()).as("MsgId and MsgID are different elements").isNull();
        assertThat(message.getStatus()).isEqualTo("success");
    }

    @Test
    void readsMassSendJobFinishWithItsCountsAndCopyrightCheck() {
        WxXmlMessage message = event("MASSSENDJOBFINISH", "<MsgID>1000001625</MsgID><Status><![CDATA[err(30003)]]></Status>"
                + "<TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>"
                + "<CopyrightCheckResult><Count>2</Count><ResultList>"
                + "<item><ArticleIdx>1</ArticleIdx><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl></item>"
                + "<item><ArticleIdx>2</ArticleIdx><OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl></item>"
                + "</ResultList><CheckState>2</CheckState></CopyrightCheckResult>");

        assertThat(message.getEventMsgId()).isEqualTo(1000001625L);
        assertThat(message.getStatus()).isEqualTo("err(30003)");
        assertThat(List.of(message.getTotalCount(), message.getFilterCount(), message.getSentCount(), message.getErrorCount()))
                .containsExactly(100, 80, 75, 5);
        WxXmlElement check = message.getElement("CopyrightCheckResult");
        assertThat(check.getChildText("CheckState")).isEqualTo("2");
        assertThat(check.getChild("ResultList").getChildren("item")).extracting(item -> item.getChildText("OriginalArticleUrl"))
                .containsExactly("Url_1", "Url_2");
    }

    @Test
    void readsCustomerServiceSessionEvents() {
        WxXmlMessage create = event("kf_create_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>");
        WxXmlMessage close = event("kf_close_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>");
        WxXmlMessage change = event("kf_switch_session",
                "<FromKfAccount><![CDATA[test1@test]]></FromKfAccount><ToKfAccount><![CDATA[test2@test]]></ToKfAccount>");

        assertThat(create.isEvent(WxEventType.KF_CREATE_SESSION)).isTrue();
        assertThat(create.getKfAccount()).isEqualTo("test1@test");
        assertThat(close.isEvent(WxEventType.KF_CLOSE_SESSION)).isTrue();
        assertThat(change.getFromKfAccount()).isEqualTo("test1@test");
        assertThat(change.getToKfAccount()).isEqualTo("test2@test");
    }

    @Test
    void readsWeComEventsWithTheirAgentId() {
        WxXmlMessage enter = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[toUser]]></ToUserName>"
                + "<FromUserName><![CDATA[FromUser]]></FromUserName><CreateTime>1408091189</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"
                + "<EventKey><![CDATA[]]></EventKey><AgentID>1</AgentID></xml>");
        WxXmlMessage contact = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[toUser]]></ToUserName>"
                + "<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>"
                + "<ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><AgentID></AgentID></xml>");

        assertThat(enter.isEvent(WxEventType.ENTER_AGENT)).isTrue();
        assertThat(enter.getAgentId()).isEqualTo("1");
        assertThat(contact.getChangeType()).isEqualTo("create_user");
        assertThat(contact.get("UserID")).isEqualTo("zhangsan");
        assertThat(contact.getAgentId()).isEmpty();
    }

    @Test
    void readsTheNestedBatchJobOfAWeComBatchJobResult() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[wx28dbb14e37208abe]]></ToUserName>"
                + "<FromUserName><![CDATA[FromUser]]></FromUserName><CreateTime>1425284517</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[batch_job_result]]></Event>"
                + "<BatchJob><JobId><![CDATA[S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4]]></JobId>"
                + "<JobType><![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob></xml>");

        WxXmlElement job = message.getElement("BatchJob");
        assertThat(message.isEvent(WxEventType.BATCH_JOB_RESULT)).isTrue();
        assertThat(job.getChildText("JobId")).isEqualTo("S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4");
        assertThat(job.getChildText("JobType")).isEqualTo("sync_user");
        assertThat(job.getChildText("ErrCode")).isEqualTo("0");
    }

    @Test
    void keepsUnknownEventsAsOrdinaryEvents() {
        WxXmlMessage message = event("quantum_entangled", "<Partner><![CDATA[o2]]></Partner>");

        assertThat(message.getEvent()).isEqualTo("quantum_entangled");
        assertThat(message.get("Partner")).isEqualTo("o2");
    }

    private static WxXmlMessage event(String event, String rest) {
        return WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>"
                + "<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + rest + "</xml>");
    }
}
