package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.message.WxJsonMessageParser;
import io.github.wxsession.message.WxXmlMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WxMessageKeysTest {

    @Test
    void aMessageWithAMsgIdKeysOnItInTheConfiguredAccount() {
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName>gh_forged</ToUserName><FromUserName>oAnn"
                + "</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>hi</Content>"
                + "<MsgId> 1234567890123456 </MsgId></xml>");

        assertThat(WxMessageKeys.keyOf("wxapp", message)).isEqualTo("wxapp:m:1234567890123456");
        assertThat(WxMessageKeys.keyOf("other", message)).isEqualTo("other:m:1234567890123456");
    }

    @Test
    void anAiBotCallbackKeysOnItsMsgidAndTakesItsSendersTurn() {
        WxXmlMessage message = WxJsonMessageParser.defaults().parseAibot("{\"msgid\":\"CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=\","
                + "\"aibotid\":\"B\",\"chattype\":\"group\",\"chatid\":\"G\",\"from\":{\"userid\":\"zhangsan\"},"
                + "\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");

        assertThat(WxMessageKeys.keyOf("B", message)).isEqualTo("B:m:CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=");
        assertThat(WxMessageKeys.senderOf(message)).isEqualTo("zhangsan");
    }

    @Test
    void wecomSystemEventsOfTheSameSecondThatDifferInAnyFieldHaveDifferentKeys() {
        List<WxXmlMessage> events = List.of(
                externalContact("add_external_contact", "wmCustomerA"),
                externalContact("add_external_contact", "wmCustomerB"),
                externalContact("del_external_contact", "wmCustomerA"),
                contact("create_user", "zhangsan"),
                contact("update_user", "zhangsan"),
                contact("create_user", "lisi"),
                batchJob("job-1"),
                batchJob("job-2"));
        Set<String> keys = new HashSet<>();
        for (WxXmlMessage event : events) {
            keys.add(WxMessageKeys.keyOf("ww1/1000002", event));
        }

        assertThat(keys).hasSize(events.size()).allSatisfy(key -> assertThat(key).startsWith("ww1/1000002:e:"));
    }

    @Test
    void anIdenticalReDeliveryHasTheSameKey() {
        assertThat(WxMessageKeys.keyOf("ww1", externalContact("add_external_contact", "wmCustomerA")))
                .isEqualTo(WxMessageKeys.keyOf("ww1", externalContact("add_external_contact", "wmCustomerA")));
    }

    @Test
    void nestedElementsTellEventsApartToo() {
        String scan = "<xml><ToUserName>gh</ToUserName><FromUserName>oAnn</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>event</MsgType><Event>scancode_push</Event><EventKey>k</EventKey><ScanCodeInfo>"
                + "<ScanType>qrcode</ScanType><ScanResult>%s</ScanResult></ScanCodeInfo></xml>";

        assertThat(WxMessageKeys.keyOf("", WxXmlMessage.fromXml(scan.formatted("one"))))
                .isNotEqualTo(WxMessageKeys.keyOf("", WxXmlMessage.fromXml(scan.formatted("two"))));
    }

    @Test
    void elementBoundariesCannotBeShiftedToForgeAnotherMessagesKey() {
        WxXmlMessage first = WxXmlMessage.fromXml("<xml><A>xy</A><B>z</B></xml>");
        WxXmlMessage second = WxXmlMessage.fromXml("<xml><A>x</A><B>yz</B></xml>");

        assertThat(WxMessageKeys.keyOf("", first)).isNotEqualTo(WxMessageKeys.keyOf("", second));
    }

    @Test
    void theSenderIsTheUserAndNoneForWecomSystemEvents() {
        assertThat(WxMessageKeys.senderOf(Messages.text(1, "oAnn", "hi"))).isEqualTo("oAnn");
        assertThat(WxMessageKeys.senderOf(contact("create_user", "zhangsan"))).isNull();
        assertThat(WxMessageKeys.senderOf(WxXmlMessage.fromXml("<xml><MsgType>event</MsgType></xml>"))).isNull();
        assertThat(WxMessageKeys.senderOf(WxXmlMessage.fromXml("<xml><FromUserName> </FromUserName></xml>"))).isNull();
        assertThat(WxMessageKeys.senderOf(WxXmlMessage.fromXml("<xml><FromUserName>~loginSessionId</FromUserName></xml>")))
                .as("no WeChat id starts so: a forged sender cannot reach a login session").isNull();
        assertThat(WxMessageKeys.senderOf(WxXmlMessage.fromXml("<xml><FromUserName>9zhang.san</FromUserName></xml>")))
                .isEqualTo("9zhang.san");
        assertThat(WxMessageKeys.senderOf(WxXmlMessage.fromXml("<xml><FromUserName>" + "o".repeat(257)
                + "</FromUserName></xml>"))).isNull();
    }

    static WxXmlMessage externalContact(String changeType, String externalUserId) {
        return sys("<Event>change_external_contact</Event><ChangeType>" + changeType + "</ChangeType>"
                + "<UserID>sales1</UserID><ExternalUserID>" + externalUserId + "</ExternalUserID>"
                + "<WelcomeCode>w</WelcomeCode>");
    }

    static WxXmlMessage contact(String changeType, String userId) {
        return sys("<Event>change_contact</Event><ChangeType>" + changeType + "</ChangeType><UserID>" + userId
                + "</UserID>");
    }

    static WxXmlMessage batchJob(String jobId) {
        return sys("<Event>batch_job_result</Event><BatchJob><JobId>" + jobId + "</JobId><JobType>sync_user</JobType>"
                + "<ErrCode>0</ErrCode><ErrMsg>ok</ErrMsg></BatchJob>");
    }

    private static WxXmlMessage sys(String fields) {
        return WxXmlMessage.fromXml("<xml><ToUserName>ww1</ToUserName><FromUserName>sys</FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType>event</MsgType>" + fields + "</xml>");
    }
}
