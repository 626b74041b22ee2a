package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.WeComAibotClient;
import io.github.wxsession.test.WeComAibotClient.Reply;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A WeCom AI bot over real HTTP, in memory: a client that polls streams like WeCom. */
@SpringBootTest(classes = AibotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.type=aibot", "wx.app-id=BOT", "wx.token=" + AibotTestApplication.TOKEN,
                "wx.aes-key=" + AibotTestApplication.AES_KEY, "wx.router.duplicate-wait=300ms"})
class AibotCallbackTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    AibotTestApplication.Handlers handlers;

    WeComAibotClient weCom;

    @BeforeEach
    void client() {
        weCom = new WeComAibotClient(List.of("http://127.0.0.1:" + port + "/wx/callback"), AibotTestApplication.TOKEN,
                AibotTestApplication.AES_KEY);
        handlers.secondChunk = new CountDownLatch(0);
        handlers.laterRelease = new CountDownLatch(0);
    }

    @Test
    void theUrlIsVerifiedWithTheDecryptedEchostrAsPlainText() throws Exception {
        HttpResponse<String> response = weCom.verify("1616140317555161061");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1616140317555161061");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void aStreamIsAnnouncedWithItsFirstChunkAndRefreshesSeeItGrowUntilFinished() throws Exception {
        handlers.secondChunk = new CountDownLatch(1);

        Reply first = weCom.post(WeComAibotClient.text("zhangsan", "echo hello"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.streamContent()).isEqualTo("You said: ");
        assertThat(first.finished()).isFalse();
        Reply refresh = weCom.post(WeComAibotClient.refresh("zhangsan", first.streamId()));
        assertThat(refresh.streamContent()).isEqualTo("You said: ");
        handlers.secondChunk.countDown();
        List<String> seen = weCom.pollUntilFinished("zhangsan", first.streamId(), Duration.ofMillis(50), Duration.ofSeconds(10));
        assertThat(seen).last().isEqualTo("You said: hello");
    }

    @Test
    void aTextReplyIsAStreamFinishedAtOnceAndTheSessionCarriesOn() throws Exception {
        Reply one = weCom.post(WeComAibotClient.text("lisi", "count"));
        Reply two = weCom.post(WeComAibotClient.text("lisi", "count"));

        assertThat(one.finished()).isTrue();
        assertThat(one.streamContent()).isEqualTo("count=1");
        assertThat(two.streamContent()).isEqualTo("count=2");
        assertThat(two.streamId()).isNotEqualTo(one.streamId());
    }

    @Test
    void aRetryIsAnsweredAsTheFirstDeliveryWithoutHandlingItAgain() throws Exception {
        String message = WeComAibotClient.text("m-retry-1", "wangwu", "count");

        Reply first = weCom.post(message);
        Reply retry = weCom.post(message);

        assertThat(retry.plaintext()).isEqualTo(first.plaintext());
        assertThat(weCom.post(WeComAibotClient.text("wangwu", "count")).streamContent()).isEqualTo("count=2");
    }

    @Test
    void aRetryWhileTheStreamIsBeingWrittenGetsTheStreamSoFarAndRunsNothingTwice() throws Exception {
        handlers.secondChunk = new CountDownLatch(1);
        int before = handlers.streamed.get();
        String message = WeComAibotClient.text("m-retry-2", "zhaoliu", "echo twice");

        Reply first = weCom.post(message);
        Reply retry = weCom.post(message);
        handlers.secondChunk.countDown();

        assertThat(retry.streamId()).isEqualTo(first.streamId());
        assertThat(retry.streamContent()).isEqualTo("You said: ");
        assertThat(weCom.pollUntilFinished("zhaoliu", first.streamId(), Duration.ofMillis(50), Duration.ofSeconds(10)))
                .last().isEqualTo("You said: twice");
        assertThat(handlers.streamed.get() - before).isEqualTo(1);
    }

    @Test
    void aRetryWhileATextHandlerRunsIs503AndItsTextLaterAnswersEveryDelivery() throws Exception {
        handlers.slowRunning = new CountDownLatch(1);
        handlers.slowRelease = new CountDownLatch(1);
        String message = WeComAibotClient.text("m-slow-1", "chenshi", "slow");

        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
            try {
                return weCom.post(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(handlers.slowRunning.await(5, TimeUnit.SECONDS)).isTrue();
        Reply retry = weCom.post(message);
        handlers.slowRelease.countDown();

        // No stream was announced, so none is left unfinished: WeCom simply asks again.
        assertThat(retry.status()).isEqualTo(503);
        assertThat(first.get(5, TimeUnit.SECONDS).streamContent()).isEqualTo("slow answer");
        Reply later = weCom.post(message);
        assertThat(later.finished()).isTrue();
        assertThat(later.streamContent()).isEqualTo("slow answer");
    }

    @Test
    void anAsyncHandlerAnswersThroughTheStreamAnnouncedForIt() throws Exception {
        handlers.laterRelease = new CountDownLatch(1);

        Reply first = weCom.post(WeComAibotClient.text("sunqi", "later"));
        handlers.laterRelease.countDown();

        assertThat(first.finished()).as("announced before the handler ran").isFalse();
        assertThat(first.streamContent()).isEmpty();
        assertThat(weCom.pollUntilFinished("sunqi", first.streamId(), Duration.ofMillis(50), Duration.ofSeconds(10)))
                .last().isEqualTo("here it is");
    }

    @Test
    void eventsAndCardsAreAnsweredAsWeComAllows() throws Exception {
        Reply welcome = weCom.post(WeComAibotClient.event("zhouba", "enter_chat", ""));
        Reply card = weCom.post(WeComAibotClient.text("zhouba", "card"));
        Reply clicked = weCom.post(WeComAibotClient.event("zhouba", "template_card_event",
                "\"template_card_event\":{\"card_type\":\"button_interaction\",\"event_key\":\"ok\",\"task_id\":\"task-1\"}"));
        Reply feedback = weCom.post(WeComAibotClient.event("zhouba", "feedback_event",
                "\"feedback_event\":{\"id\":\"f1\",\"type\":1}"));

        assertThat(welcome.json().get("msgtype").asText()).isEqualTo("text");
        assertThat(welcome.json().get("text").get("content").asText()).isEqualTo("Welcome!");
        assertThat(card.json().get("msgtype").asText()).isEqualTo("template_card");
        assertThat(card.json().get("template_card").get("task_id").asText()).isEqualTo("task-1");
        assertThat(clicked.json().get("response_type").asText()).isEqualTo("update_template_card");
        assertThat(clicked.json().get("template_card").get("main_title").get("title").asText()).isEqualTo("Picked ok");
        assertThat(feedback.status()).isEqualTo(200);
        assertThat(feedback.plaintext()).as("feedback takes the empty answer only").isNull();
    }

    @Test
    void aRefreshForAStreamNobodyAnnouncedGetsTheEmptyBody() throws Exception {
        Reply reply = weCom.post(WeComAibotClient.refresh("zhangsan", "no-such-stream"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.plaintext()).isNull();
    }

    @Test
    void aReplyTheBotCannotSendFailsLoudly() throws Exception {
        assertThat(weCom.post(WeComAibotClient.text("qianjiu", "picture")).status()).isEqualTo(500);
    }

    @Test
    void hostileRequestsNeverReachAHandler() throws Exception {
        int before = handlers.streamed.get();
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String deep = "{\"encrypt\":" + "[".repeat(2000) + "]".repeat(2000) + "}";

        assertThat(weCom.postRaw("msg_signature=00&timestamp=" + ts + "&nonce=1", "{\"encrypt\":\"QUJD\"}".getBytes()))
                .as("wrong signature").isEqualTo(403);
        assertThat(weCom.postRaw("msg_signature=00&timestamp=" + ts + "&nonce=1", "{\"encrypt\":".getBytes()))
                .as("malformed").isEqualTo(400);
        assertThat(weCom.postRaw("msg_signature=00&timestamp=" + ts + "&nonce=1", deep.getBytes()))
                .as("deeply nested").isEqualTo(400);
        assertThat(weCom.postRaw("msg_signature=00&timestamp=" + ts + "&nonce=1",
                ("{\"encrypt\":\"" + "A".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.US_ASCII)))
                .as("huge").isEqualTo(413);
        assertThat(weCom.post("{\"msgid\":\"x\"," + "\"a\":{".repeat(40) + "}".repeat(40) + "}").status())
                .as("signed, but nested too deep").isEqualTo(400);
        assertThat(weCom.post("not json").status()).as("signed, but not JSON").isEqualTo(400);
        assertThat(weCom.postFramedFor("wx5823bf96d3bd56c7", WeComAibotClient.text("zhangsan", "echo x")))
                .as("framed for a corp id, not the bot's empty receiveid").isEqualTo(400);
        assertThat(handlers.streamed.get()).isEqualTo(before);
    }
}
