package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.redis.Await;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis going away under sessions and messages: fast failures, no handler run, recovery by itself. */
class RedisSessionsUnavailableTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The harness's command timeout plus room for a busy machine: "fast", not "within a tight bound". */
    private static final Duration FAST = RedisServerProcess.COMMAND_TIMEOUT.plusSeconds(2);

    private final RedisWxSessionStore store = RedisWxSessionStore.builder(REDIS.connectionFactory())
            .appId("wxapp").build();

    @Test
    void sessionCallsFailFastWhileRedisIsDownAndWorkAgainWhenItIsBack() throws Exception {
        store.getSession("u").setAttribute("k", "v");

        REDIS.server().stop();
        Throwable failure;
        try {
            failure = timed(() -> store.getSession("u"));
        } finally {
            REDIS.server().restart();
        }

        assertThat(failure).isInstanceOf(WxRedisUnavailableException.class)
                .hasMessageContaining("failed loading the sessions of wxapp");
        // The restarted Redis is empty (no persistence in tests), so the session starts afresh.
        assertThat(store.getSession("u").isNew()).isTrue();
    }

    @Test
    void pingAnswersWhileRedisIsUpFailsWithinItsOwnTimeoutWhileDownAndAnswersAgainWhenItIsBack() throws Exception {
        Duration shorterThanTheCommandTimeout = Duration.ofMillis(200);
        store.ping(shorterThanTheCommandTimeout);

        REDIS.server().stop();
        Throwable failure;
        try {
            long start = System.nanoTime();
            failure = catchThrowable(() -> store.ping(shorterThanTheCommandTimeout));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the command timeout")
                    .isLessThan(RedisServerProcess.COMMAND_TIMEOUT);
        } finally {
            REDIS.server().restart();
        }

        assertThat(failure).isInstanceOf(WxRedisUnavailableException.class)
                .hasMessageContaining("failed pinging the sessions of wxapp");
        Await.condition(FAST, "PING answered after the restart", () -> {
            try {
                store.ping(shorterThanTheCommandTimeout);
                return true;
            } catch (WxRedisUnavailableException e) {
                return false;
            }
        });
    }

    @Test
    void aMessageArrivingWhileRedisIsDownRunsNoHandlerAndItsRetryIsHandledOnceRedisIsBack() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        WxMessageRouter router = new WxMessageRouter(new HttpWxService(
                WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
                InMemoryWxConfigStorage.builder().appId("wxapp").secret("unused").build()));
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler((message, context, wxService, sessionManager) -> {
            sessionManager.getSession(message.getFromUserName()).setAttribute("runs", runs.incrementAndGet());
            return WxXmlOutMessage.replyTo(message).createTime(1).text("ok");
        }).end();
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName>gh_account</ToUserName><FromUserName>oAnn"
                + "</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>hi</Content>"
                + "<MsgId>1</MsgId></xml>");

        REDIS.server().stop();
        Throwable failure;
        try {
            failure = timed(() -> router.route(message));
        } finally {
            REDIS.server().restart();
        }

        assertThat(failure).isInstanceOf(WxRedisUnavailableException.class);
        assertThat(runs).hasValue(0);
        assertThat(router.route(message)).isNotNull();
        assertThat(router.route(message)).isNotNull();
        assertThat(runs).hasValue(1);
        assertThat(store.getSession("oAnn").getAttribute("runs")).isEqualTo(1);
        router.close();
    }

    private static Throwable timed(ThrowingCallable call) {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(call);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
        return failure;
    }
}
