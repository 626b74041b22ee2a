package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.test.WeChatCallbackClient;
import io.github.wxsession.test.WeChatDeliveries;
import io.github.wxsession.test.WeChatDeliveries.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Handlers slower than WeChat waits, over real HTTP, delivered by a client that behaves like
 * WeChat (a timeout per attempt, up to three retries with the same MsgId, alternating between the
 * instances a subclass runs). WeChat's clock runs five times faster here: it waits 1 s, the reply
 * deadline is 600 ms, so a whole delivery takes seconds, not twenty. The handler must run exactly
 * once in every case, and its reply must reach the user once.
 */
abstract class SlowHandlerCallbackContract {

    static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(1);
    /** The applications' settings: WeChat's timings, five times faster. */
    static final String[] FAST_WECHAT = {"wx.router.reply-timeout=600ms", "wx.router.duplicate-wait=600ms"};
    static final String TOKEN = "slow-token";
    static final String CUSTOM_SEND = "cgi-bin/message/custom/send";

    private static final AtomicLong MSG_IDS = new AtomicLong(880_000);

    /** The instances WeChat's attempts go to, in turn. */
    abstract WeChatCallbackClient[] instances();

    /** How many times a thinking handler ran, on all instances together. */
    abstract int runs();

    /** The WeChat API the instances call (tokens, customer-service messages); one per test class. */
    abstract FakeWeChatServer api();

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("cgi-bin/token", FakeWeChatServer.token("SLOW-TOKEN", 7200));
            api.on(CUSTOM_SEND, FakeWeChatServer.ok());
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Delivery deliver(String from, String content) throws Exception {
        return new WeChatDeliveries(WECHAT_TIMEOUT, instances()).deliver(message(from, content));
    }

    private static String message(String from, String content) {
        return WeChatCallbackClient.text(MSG_IDS.incrementAndGet(), from, content);
    }

    @Test
    void customerServiceModeAnswersTheFirstDeliverySuccessAndSendsTheReplyWhenReady() throws Exception {
        int before = runs();
        CountDownLatch sent = new CountDownLatch(1);
        api().on(CUSTOM_SEND, FakeWeChatServer.after(sent::countDown, FakeWeChatServer.ok()));

        Delivery delivery = deliver("oCs", "think 1500");

        assertThat(delivery.attempts()).as("no retry").hasSize(1);
        assertThat(delivery.answer()).isEqualTo("success");
        assertThat(sent.await(10, TimeUnit.SECONDS)).as("the customer-service message").isTrue();
        assertThat(api().lastCall(CUSTOM_SEND).body()).contains("\"touser\":\"oCs\"")
                .contains("Thought for 1500 ms (run " + (before + 1) + ").");
        assertThat(runs()).isEqualTo(before + 1);
    }

    @Test
    void retriesModeAnswersTheRetryThatFindsTheHandlerFinished() throws Exception {
        int before = runs();

        Delivery delivery = deliver("oRetry", "ponder 1500");

        assertThat(delivery.attempts()).as("%s", delivery.attempts()).hasSize(2);
        assertThat(delivery.attempts().get(0).timedOut()).isTrue();
        assertThat(delivery.answer()).contains("Thought for 1500 ms (run " + (before + 1) + ").");
        assertThat(runs()).isEqualTo(before + 1);
    }

    @Test
    void retriesModeParksTheReplyWhenWeChatGivesUpAndAnswersTheNextMessageWithIt() throws Exception {
        int before = runs();

        Delivery delivery = deliver("oPark", "ponder 4000");

        assertThat(delivery.attempts()).as("%s", delivery.attempts()).hasSize(WeChatDeliveries.WECHAT_DELIVERIES);
        assertThat(delivery.answer()).as("the last retry").contains(WxMessageRouter.DEFAULT_LATE_REPLY_PLACEHOLDER);
        // Sent while the handler may still be running: it waits for the sender's turn, retried by WeChat.
        Delivery next = deliver("oPark", "hello");
        assertThat(next.answer()).as("the parked reply, not hello's echo")
                .contains("Thought for 4000 ms (run " + (before + 1) + ").");
        assertThat(deliver("oPark", "hello").answer()).as("once only").contains("<Content><![CDATA[hello]]>");
        assertThat(runs()).isEqualTo(before + 1);
    }

    @Test
    void aQuickHandlerIsAnsweredPassivelyAsBefore() throws Exception {
        Delivery delivery = deliver("oQuick", "think 10");

        assertThat(delivery.attempts()).hasSize(1);
        assertThat(delivery.answer()).contains("Thought for 10 ms");
    }
}
