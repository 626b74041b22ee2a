package io.github.wxsession.aibot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxJsonMessageParser;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.test.MutableClock;
import org.junit.jupiter.api.Test;

class WxAibotAnswersTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
    private final WxStreams streams = new WxStreams(new InMemoryWxStreamStore(clock), clock);
    private final WxAibotAnswers answers = new WxAibotAnswers("BOT", streams);

    private static WxXmlMessage text(String msgid, String content) {
        return WxJsonMessageParser.defaults().parseAibot("{\"msgid\":\"" + msgid + "\",\"aibotid\":\"BOT\",\"chattype\":\"single\","
                + "\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}}");
    }

    private static WxXmlMessage event(String type, String extra) {
        return WxJsonMessageParser.defaults().parseAibot("{\"msgid\":\"ev-" + type + "\",\"aibotid\":\"BOT\","
                + "\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"event\",\"event\":{\"eventtype\":\"" + type + "\"" + extra + "}}");
    }

    private static WxXmlMessage refresh(String streamId) {
        return WxJsonMessageParser.defaults().parseAibot("{\"msgid\":\"r1\",\"aibotid\":\"BOT\",\"from\":{\"userid\":\"zhangsan\"},"
                + "\"msgtype\":\"stream\",\"stream\":{\"id\":\"" + streamId + "\"}}");
    }

    private static String reply(WxXmlMessage to, String text) {
        return WxXmlOutMessage.replyTo(to).text(text).toXml();
    }

    @Test
    void aTextReplyIsAStreamFinishedAtOnceUnderTheMessagesStreamId() {
        WxXmlMessage message = text("m1", "hi");
        String id = WxStreams.idOf("BOT", "m1");

        assertThat(answers.answer(message, reply(message, "You said: hi")))
                .isEqualTo("{\"msgtype\":\"stream\",\"stream\":{\"id\":\"" + id + "\",\"finish\":true,\"content\":\"You said: hi\"}}");
    }

    @Test
    void aStreamWrittenOverTimeIsServedToRefreshesAsItGrows() {
        WxXmlMessage message = text("m1", "hi");
        WxStream stream = answers.stream(message);
        assertThat(answers.answer(message, null)).contains("\"finish\":false,\"content\":\"\"");

        stream.append("You said: ");
        assertThat(answers.refresh(refresh(stream.id()))).contains("\"finish\":false,\"content\":\"You said: \"");
        stream.append("hi");
        stream.finish();
        assertThat(answers.refresh(refresh(stream.id())))
                .isEqualTo("{\"msgtype\":\"stream\",\"stream\":{\"id\":\"" + stream.id() + "\",\"finish\":true,\"content\":\"You said: hi\"}}");
    }

    @Test
    void aRefreshForAStreamNotStoredGetsTheEmptyAnswer() {
        assertThat(answers.refresh(refresh("unknown"))).isNull();
        assertThat(answers.answer(text("m1", "hi"), null)).as("nothing announced, nothing to say").isNull();
    }

    @Test
    void anAsyncRuleAnnouncesTheStreamAndItsTextReplyFinishesIt() {
        WxXmlMessage message = text("m1", "hi");

        answers.accepted(message);
        assertThat(answers.answer(message, null)).contains("\"finish\":false");
        answers.send(message, WxXmlOutMessage.replyTo(message).text("later"));

        assertThat(answers.refresh(refresh(WxStreams.idOf("BOT", "m1")))).contains("\"finish\":true,\"content\":\"later\"");
        assertThat(answers.pending(message)).contains("\"finish\":true,\"content\":\"later\"");
    }

    @Test
    void eventsAreAnsweredAsWeComAllows() {
        WxXmlMessage enter = event("enter_chat", "");
        WxXmlMessage click = event("template_card_event", ",\"template_card_event\":{\"task_id\":\"t1\",\"event_key\":\"ok\"}");
        WxXmlMessage feedback = event("feedback_event", ",\"feedback_event\":{\"id\":\"f\",\"type\":1}");
        String card = "{\"card_type\":\"button_interaction\",\"task_id\":\"t1\"}";

        assertThat(answers.answer(enter, reply(enter, "Welcome!"))).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"Welcome!\"}}");
        assertThat(answers.answer(enter, WxXmlOutMessage.replyTo(enter).templateCard(card).toXml()))
                .isEqualTo("{\"msgtype\":\"template_card\",\"template_card\":" + card + "}");
        assertThat(answers.answer(click, WxXmlOutMessage.replyTo(click).templateCard(card).toXml()))
                .isEqualTo("{\"response_type\":\"update_template_card\",\"template_card\":" + card + "}");
        assertThat(answers.answer(feedback, reply(feedback, "thanks"))).isNull();
        assertThatThrownBy(() -> answers.answer(click, reply(click, "text"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("template_card_event");
    }

    @Test
    void repliesTheBotCannotSendAreRefusedByName() {
        WxXmlMessage message = text("m1", "hi");

        assertThatThrownBy(() -> answers.answer(message, WxXmlOutMessage.replyTo(message).image("media").toXml()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("image");
        assertThat(WxAibotAnswers.isRefresh(refresh("s"))).isTrue();
        assertThat(WxAibotAnswers.isRefresh(message)).isFalse();
    }
}
