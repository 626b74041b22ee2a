package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The page's backend for the JSON channels: a mini program's customer-service chat and a WeCom AI bot's streams. */
class EmulatorJsonChannelsTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMiniProgramsMessageIsPostedAsEncryptedJsonAndAnsweredThroughCustomerService() throws Exception {
        JsonNode outcome = send(MINI, "oUser-mini", "text", "count", "safe");

        assertThat(outcome.path("error").isNull()).as("error: %s", outcome.path("error")).isTrue();
        assertThat(outcome.path("replies")).isEmpty();
        assertThat(outcome.path("responseBody").asText()).isEqualTo("success");
        JsonNode envelope = JSON.readTree(outcome.path("requestBody").asText());
        assertThat(envelope.fieldNames()).toIterable().containsExactly("ToUserName", "Encrypt");
        JsonNode message = JSON.readTree(outcome.path("requestXml").asText());
        assertThat(message.path("MsgType").asText()).isEqualTo("text");
        assertThat(message.path("FromUserName").asText()).isEqualTo("oUser-mini");
        assertThat(outcome.path("callbackUrl").asText()).contains("encrypt_type=aes", "msg_signature=");
        JsonNode sent = awaitFeed("?account=" + MINI + "&openid=oUser-mini&after=0",
                item -> item.path("kind").asText().equals("message"));
        assertThat(sent.path("text").asText()).isEqualTo("count=1");
    }

    @Test
    void enteringAMiniProgramsChatIsItsOnlyEvent() throws Exception {
        send(MINI, "oUser-enter", "subscribe", null, "plain");

        JsonNode sent = awaitFeed("?account=" + MINI + "&openid=oUser-enter&after=0",
                item -> item.path("kind").asText().equals("message"));
        assertThat(sent.path("text").asText()).isEqualTo("entered from wx-emulator");
        assertThat(sendRaw(MINI, "oUser-enter", "unsubscribe", null, "plain").statusCode()).isEqualTo(400);
    }

    @Test
    void anAiBotsTextIsAnsweredWithAFinishedStream() throws Exception {
        JsonNode outcome = send(BOT, "zhangsan", "text", "hello", "safe");

        assertThat(outcome.path("error").isNull()).as("error: %s", outcome.path("error")).isTrue();
        JsonNode reply = outcome.path("replies").get(0);
        assertThat(reply.path("type").asText()).isEqualTo("stream");
        assertThat(reply.path("text").asText()).isEqualTo("bot: hello");
        assertThat(reply.path("finished").asBoolean()).isTrue();
        assertThat(JSON.readTree(outcome.path("requestBody").asText()).fieldNames()).toIterable().containsExactly("encrypt");
        assertThat(outcome.path("callbackUrl").asText()).doesNotContain("signature=&", "encrypt_type").contains("msg_signature=");
    }

    @Test
    void anAiBotsStreamIsPolledUntilFinishedAndEachRefreshIsInTheFeed() throws Exception {
        JsonNode outcome = send(BOT, "lisi", "text", "stream", "safe");

        JsonNode first = outcome.path("replies").get(0);
        assertThat(first.path("text").asText()).isEqualTo("first, ");
        assertThat(first.path("finished").asBoolean()).isFalse();
        JsonNode last = awaitFeed("?account=" + BOT + "&openid=lisi&after=0", item -> item.path("kind").asText()
                .equals("stream") && item.path("replies").path(0).path("finished").asBoolean());
        assertThat(last.path("replies").get(0).path("text").asText()).isEqualTo("first, second");
        assertThat(last.path("replies").get(0).path("streamId").asText()).isEqualTo(first.path("streamId").asText());
        assertThat(JSON.readTree(last.path("requestXml").asText()).path("msgtype").asText()).isEqualTo("stream");
    }

    @Test
    void anAiBotsChatIsOpenedWithAWelcome() throws Exception {
        JsonNode outcome = send(BOT, "wangwu", "subscribe", null, "safe");

        assertThat(outcome.path("replies").get(0).path("type").asText()).isEqualTo("text");
        assertThat(outcome.path("replies").get(0).path("text").asText()).isEqualTo("Welcome!");
    }
}
