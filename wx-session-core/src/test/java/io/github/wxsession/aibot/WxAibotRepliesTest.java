package io.github.wxsession.aibot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WxAibotRepliesTest {

    @Test
    void aStreamReplyIsWrittenAsTheReferenceVectorsPlaintext() {
        // json-callbacks.md §A.7, D3: the plaintext of the reference's encrypted stream reply.
        assertThat(WxAibotReplies.stream(new WxStreamState("STREAMID", "**广州**今日天气：29度", false)))
                .isEqualTo("{\"msgtype\":\"stream\",\"stream\":{\"id\":\"STREAMID\",\"finish\":false,"
                        + "\"content\":\"**广州**今日天气：29度\"}}");
    }

    @Test
    void textIsEscaped() {
        assertThat(WxAibotReplies.stream(new WxStreamState("s", "a\"b\\c\nd\u0001", true)))
                .isEqualTo("{\"msgtype\":\"stream\",\"stream\":{\"id\":\"s\",\"finish\":true,\"content\":\"a\\\"b\\\\c\\nd\\u0001\"}}");
        assertThat(WxAibotReplies.text("Welcome!")).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"Welcome!\"}}");
        assertThat(WxAibotReplies.markdown("**hi**")).isEqualTo("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**hi**\"}}");
    }

    @Test
    void templateCardsAreEmbeddedWhenTheyAreOneJsonObject() {
        String card = "{\"card_type\":\"button_interaction\",\"task_id\":\"t1\",\"button_list\":[{\"text\":\"OK\",\"key\":\"ok\"}]}";

        assertThat(WxAibotReplies.templateCard(card)).isEqualTo("{\"msgtype\":\"template_card\",\"template_card\":" + card + "}");
        assertThat(WxAibotReplies.updateTemplateCard(card))
                .isEqualTo("{\"response_type\":\"update_template_card\",\"template_card\":" + card + "}");
        for (String bad : new String[] {"[]", "\"card\"", "{\"a\":1", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{a:1}"}) {
            assertThatThrownBy(() -> WxAibotReplies.templateCard(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMarkdownActiveReplyHasTheStreamsLimit() {
        assertThatThrownBy(() -> WxAibotReplies.markdown("x".repeat(WxStream.MAX_CONTENT_BYTES + 1)))
                .isInstanceOf(WxStreamTooLongException.class);
    }
}
