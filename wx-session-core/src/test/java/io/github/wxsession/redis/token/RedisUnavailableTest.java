package io.github.wxsession.redis.token;

import static io.github.wxsession.api.FakeWeChatServer.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.token.WxConfigStorage;
import io.github.wxsession.token.WxTokenType;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Redis going away: calls fail within the command timeout with a clear message, and recover by themselves. */
class RedisUnavailableTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String TOKEN_PATH = "cgi-bin/token";
    /** The harness's command timeout plus room for a busy machine: "fast", not "within a tight bound". */
    private static final Duration FAST = RedisServerProcess.COMMAND_TIMEOUT.plusSeconds(2);

    private final FakeWeChatServer wechat;

    RedisUnavailableTest() throws Exception {
        wechat = FakeWeChatServer.start();
    }

    @AfterEach
    void close() {
        wechat.close();
    }

    @Test
    void stoppedRedisFailsTokenCallsFastAndTheyRecoverWhenItIsBack() throws Exception {
        wechat.on(TOKEN_PATH, token("T1", 7200), token("T2", 7200));
        HttpWxService service = service(storage(REDIS.connectionFactory()));
        assertThat(service.getAccessToken()).isEqualTo("T1");

        REDIS.server().stop();
        Throwable failure;
        try {
            failure = timed(() -> service.getAccessToken());
        } finally {
            REDIS.server().restart();
        }

        assertThat(failure).isInstanceOf(WxRedisUnavailableException.class)
                .hasMessageContaining("Redis is unavailable: failed reading the ACCESS_TOKEN of wx1234")
                .hasMessageContaining("spring.data.redis");
        // The restarted Redis is empty, so the token is fetched again.
        assertThat(service.getAccessToken()).isEqualTo("T2");
        assertThat(wechat.calls(TOKEN_PATH)).isEqualTo(2);
    }

    @Test
    void refusedConnectionFailsAtOnceWithoutCallingWeChat() throws Exception {
        wechat.on(TOKEN_PATH, token("T1", 7200));
        try (RedisServerProcess gone = RedisServerProcess.start()) {
            gone.stop();
            LettuceConnectionFactory factory = gone.newConnectionFactory();
            try {
                HttpWxService service = service(storage(factory));

                assertThat(timed(() -> service.getAccessToken())).isInstanceOf(WxRedisUnavailableException.class)
                        .hasMessageContaining("reading the ACCESS_TOKEN of wx1234");
                assertThat(wechat.calls(TOKEN_PATH)).isZero();
            } finally {
                factory.destroy();
            }
        }
    }

    @Test
    void lockWaitFailsFastToo() throws Exception {
        WxConfigStorage storage = storage(REDIS.connectionFactory());
        REDIS.server().stop();
        Throwable failure;
        try {
            failure = timed(() -> storage.refreshLock(WxTokenType.ACCESS_TOKEN).acquire());
        } finally {
            REDIS.server().restart();
        }

        assertThat(failure).isInstanceOf(WxRedisUnavailableException.class)
                .hasMessageContaining("taking the ACCESS_TOKEN refresh lock of wx1234");
        storage.refreshLock(WxTokenType.ACCESS_TOKEN).acquire().release();
    }

    private static Throwable timed(ThrowingCallable call) {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(call);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
        return failure;
    }

    private static RedisWxConfigStorage storage(RedisConnectionFactory factory) {
        return RedisWxConfigStorage.builder(factory).appId("wx1234").secret("s3cret").build();
    }

    private HttpWxService service(WxConfigStorage storage) {
        return new HttpWxService(WxApiConfig.builder().baseUri(wechat.baseUri()).build(), storage);
    }
}
