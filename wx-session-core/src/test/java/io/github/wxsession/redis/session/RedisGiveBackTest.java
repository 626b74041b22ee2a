package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.Await;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A delivery whose last script met an unavailable Redis gives back the sender's lock and the
 * message's in-progress record as soon as Redis answers again, instead of leaving them to their
 * lease: WeChat's retry of the message, and the sender's next message, are handled at once.
 */
class RedisGiveBackTest extends RedisGateTestSupport {

    private static final String TAG = "wx:{wxapp:oGus}";

    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicBoolean firstRun = new AtomicBoolean(true);
    /** The application's factory, refusing connections while {@link #unavailable}. */
    private final RedisConnectionFactory flaky = (RedisConnectionFactory) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RedisConnectionFactory.class}, (proxy, method, args) -> {
                if (method.getName().equals("getConnection") && unavailable.get()) {
                    throw new RedisConnectionFailureException("Redis went away for a moment");
                }
                try {
                    return method.invoke(REDIS.connectionFactory(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @Test
    void whatAFailedSaveHeldIsGivenBackOnceRedisAnswersAndWeChatsRetryIsHandledAtOnce() {
        RedisWxSessionStore store = RedisWxSessionStore.builder(flaky).appId("wxapp").clock(clock).build();
        WxMessageRouter router = instance(store, (message, context, wxService, sessions) -> {
            WxSession session = sessions.getSession(message.getFromUserName());
            Integer n = (Integer) session.getAttribute("n");
            session.setAttribute("n", n == null ? 1 : n + 1);
            unavailable.set(firstRun.getAndSet(false)); // Redis goes away while the first run's handler works
            return null;
        });
        WxXmlMessage message = text(41, "oGus", "n");

        assertThatThrownBy(() -> router.route(message)).hasRootCauseInstanceOf(RedisConnectionFailureException.class);
        assertThat(redis.keys(TAG + "*")).as("held while Redis is away").contains(TAG + ":l", TAG + ":d::m:41");
        assertThat(store.pendingGiveBacks()).isEqualTo(1);

        unavailable.set(false);
        Set<String> left = Await.until(Duration.ofSeconds(5), "the give-back", () -> {
            Set<String> keys = redis.keys(TAG + "*");
            return keys.contains(TAG + ":l") ? null : keys;
        });

        assertThat(left).as("lock and in-progress record given back; the session stays").containsExactly(TAG + ":s");
        assertThat(store.pendingGiveBacks()).isZero();
        router.route(message);
        assertThat(store.getSession("oGus").getAttribute("n")).as("the failed save's change was not kept; the retry's was")
                .isEqualTo(1);
        store.stop();
    }
}
