package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.message.WxXmlMessage;
import org.junit.jupiter.api.Test;

/** Which deliveries count as the same message. */
class DuplicateKeysTest {

    @Test
    void aNormalMessageIsKeyedByItsMsgIdWithinItsAccount() {
        assertThat(DuplicateKeys.keyOf(Messages.text(6574261948839470964L, "oUser", "hi")))
                .isEqualTo("gh_account:msg:6574261948839470964");
    }

    @Test
    void anEventIsKeyedBySenderTimeEventAndEventKey() {
        assertThat(DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "CLICK", "MENU:A")))
                .isEqualTo("gh_account:evt:oUser:1700000000:CLICK::MENU:A");
    }

    @Test
    void aRetriedEventKeepsItsKey() {
        assertThat(DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "subscribe", "qrscene_1")))
                .isEqualTo(DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "subscribe", "qrscene_1")));
    }

    @Test
    void twoDifferentEventsOfOneUserInTheSameSecondDoNotCollide() {
        String subscribe = DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "subscribe", "qrscene_1"));
        String scan = DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "SCAN", "1"));
        String clickA = DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "CLICK", "A"));
        String clickB = DuplicateKeys.keyOf(Messages.event("oUser", 1700000000, "CLICK", "B"));

        assertThat(java.util.Set.of(subscribe, scan, clickA, clickB)).hasSize(4);
    }

    @Test
    void twoTemplateJobsFinishingInTheSameSecondDoNotCollide() {
        String template = "<xml><ToUserName>gh_account</ToUserName><FromUserName>oUser</FromUserName>"
                + "<CreateTime>1395658920</CreateTime><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event>"
                + "<MsgID>%d</MsgID><Status>success</Status></xml>";

        String first = DuplicateKeys.keyOf(WxXmlMessage.fromXml(String.format(template, 200163836)));
        String second = DuplicateKeys.keyOf(WxXmlMessage.fromXml(String.format(template, 200163837)));

        assertThat(first).isEqualTo("gh_account:evt:oUser:1395658920:TEMPLATESENDJOBFINISH:200163836:")
                .isNotEqualTo(second);
    }

    @Test
    void keysAreNamespacedByAccountAndWeComAgent() {
        String template = "<xml><ToUserName>%s</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>text</MsgType><MsgId>7</MsgId>%s</xml>";

        assertThat(DuplicateKeys.keyOf(WxXmlMessage.fromXml(String.format(template, "corp", "<AgentID> 1000002 </AgentID>"))))
                .isEqualTo("corp/1000002:msg:7");
        assertThat(DuplicateKeys.keyOf(WxXmlMessage.fromXml(String.format(template, "corp", "<AgentID></AgentID>"))))
                .isEqualTo("corp:msg:7");
        assertThat(DuplicateKeys.keyOf(WxXmlMessage.fromXml(String.format(template, "gh_other", ""))))
                .isEqualTo("gh_other:msg:7");
    }

    @Test
    void aMessageWithNothingToTellDeliveriesApartHasNoKey() {
        assertThat(DuplicateKeys.keyOf(WxXmlMessage.fromXml("<xml><ToUserName>gh</ToUserName><MsgType>event</MsgType>"
                + "<Event>x</Event></xml>"))).isNull();
        assertThat(DuplicateKeys.keyOf(WxXmlMessage.fromXml("<xml><FromUserName>u</FromUserName><MsgType>event</MsgType>"
                + "</xml>"))).isNull();
    }
}
