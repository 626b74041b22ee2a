package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.redis.ScriptPause;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.session.TooManyActiveSessionsException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The live-session count behind {@code max-active-sessions}: across instances, through failures,
 * and against a sweep that corrects drift while another instance is halfway through a change
 * (its session key changed, its count not yet, or the other way round).
 */
class RedisLiveCountTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String COUNTER = "wx:{wxapp}:n";

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final StringRedisTemplate redis = REDIS.template();

    private RedisWxSessionStore limited(RedisConnectionFactory factory, int limit) {
        return RedisWxSessionStore.builder(factory).appId("wxapp").clock(clock).maxActiveSessions(limit).build();
    }

    private long keys() {
        return redis.keys("wx:{wxapp:*}:s").size();
    }

    @Test
    void theLimitHoldsAcrossInstances() {
        RedisWxSessionStore limitedA = limited(REDIS.connectionFactory(), 2);
        RedisWxSessionStore limitedB = limited(REDIS.connectionFactory(), 2);
        limitedA.getSession("a");
        limitedB.getSession("b");

        assertThat(limitedA.getSession("a", true).isNew()).isFalse();
        assertThatThrownBy(() -> limitedB.getSession("c")).isInstanceOf(TooManyActiveSessionsException.class);
    }

    @Test
    void aSweepWhileAnotherInstanceIsBetweenTakingASlotAndCreatingTheKeyLeavesTheCountRight() throws Exception {
        // Instance A holds its slot for "p" and pauses before the script that creates the key.
        ScriptPause beforeCreating = new ScriptPause(REDIS.connectionFactory(),
                ScriptPause.callOn("wx:{wxapp:p}:s", "c"));
        RedisWxSessionStore instanceA = limited(beforeCreating.factory(), 2);
        RedisWxSessionStore instanceB = limited(REDIS.connectionFactory(), 2);
        CompletableFuture<WxSession> creating = CompletableFuture.supplyAsync(() -> instanceA.getSession("p"));
        beforeCreating.awaitReached();
        instanceB.getSession("q");

        // B's sweep sees one key against a count of two: a correction now would free A's slot.
        instanceB.expireStaleSessions();
        beforeCreating.release();

        assertThat(creating.get(10, TimeUnit.SECONDS).isNew()).isTrue();
        assertThat(instanceB.getActiveSessionCount()).isEqualTo(2).isEqualTo(keys());
        assertThatThrownBy(() -> instanceB.getSession("r")).isInstanceOf(TooManyActiveSessionsException.class);
    }

    @Test
    void aSweepWhileAnotherInstanceIsBetweenDeletingAKeyAndCountingItOutLeavesTheCountRight() throws Exception {
        // Instance A has deleted "p" and pauses before the script that counts it out.
        ScriptPause beforeCountingOut = new ScriptPause(REDIS.connectionFactory(), ScriptPause.callOn(COUNTER, "-1"));
        RedisWxSessionStore instanceA = limited(beforeCountingOut.factory(), 2);
        RedisWxSessionStore instanceB = limited(REDIS.connectionFactory(), 2);
        WxSession p = instanceA.getSession("p");
        instanceB.getSession("q");
        CompletableFuture<Void> invalidating = CompletableFuture.runAsync(p::invalidate);
        beforeCountingOut.awaitReached();

        // B's sweep sees one key against a count of two: a correction now would be counted out twice.
        instanceB.expireStaleSessions();
        beforeCountingOut.release();

        invalidating.get(10, TimeUnit.SECONDS);
        assertThat(instanceB.getActiveSessionCount()).isEqualTo(1).isEqualTo(keys());
        instanceB.getSession("r");
        assertThatThrownBy(() -> instanceB.getSession("s")).isInstanceOf(TooManyActiveSessionsException.class);
        assertThat(keys()).isEqualTo(2);
    }

    @Test
    void aLookupThatFindsASessionExpiredCountsItOutWhileNoSweepCanCorrectTheCountAgainstIt() throws Exception {
        Duration timeout = Duration.ofMinutes(30);
        ScriptPause beforeCountingOut = new ScriptPause(REDIS.connectionFactory(), ScriptPause.callOn(COUNTER, "-1"));
        RedisWxSessionStore instanceA = RedisWxSessionStore.builder(beforeCountingOut.factory()).appId("wxapp")
                .clock(clock).defaultMaxInactiveInterval(timeout).maxActiveSessions(2).build();
        RedisWxSessionStore instanceB = limited(REDIS.connectionFactory(), 2);
        instanceA.getSession("p");
        clock.advance(timeout);
        instanceB.getSession("q");
        CompletableFuture<WxSession> lookingUp = CompletableFuture.supplyAsync(() -> instanceA.getSession("p", false));
        beforeCountingOut.awaitReached();

        instanceB.expireStaleSessions();
        beforeCountingOut.release();

        assertThat(lookingUp.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(instanceB.getActiveSessionCount()).isEqualTo(1).isEqualTo(keys());
    }

    @Test
    void aSlotTakenForACreationThatFailedIsKeptUntilASweepCanTellTheCreationDidNotHappen() {
        // Lookup, reservation, then the creation's connection fails (Redis went away for a moment).
        // Whether the script ran is unknown to the caller (a timeout looks the same), so the slot
        // stays taken: given back after a creation that did happen, the limit would overshoot.
        AtomicInteger connections = new AtomicInteger();
        RedisConnectionFactory flaky = (RedisConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisConnectionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() == 3) {
                        throw new RedisConnectionFailureException("gone for a moment");
                    }
                    try {
                        return method.invoke(REDIS.connectionFactory(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RedisWxSessionStore limitedStore = limited(flaky, 1);

        assertThatThrownBy(() -> limitedStore.getSession("u")).isInstanceOf(WxRedisUnavailableException.class);

        assertThat(redis.opsForValue().get(COUNTER)).isEqualTo("1");
        assertThatThrownBy(() -> limitedStore.getSession("v")).as("the failed creation is still in flight")
                .isInstanceOf(TooManyActiveSessionsException.class);
        clock.advance(Duration.ofMillis(LiveSessionCount.IN_FLIGHT_LIMIT));
        assertThat(limitedStore.getSession("v").isNew()).as("past its deadline, a sweep frees the slot").isTrue();
        assertThat(limitedStore.getActiveSessionCount()).isEqualTo(1).isEqualTo(keys());
    }

    @Test
    void aSweepCorrectsALiveCountThatDrifted() {
        RedisWxSessionStore store = limited(REDIS.connectionFactory(), 10);
        store.getSession("a");
        store.getSession("b");
        // Decrements lost to an outage, or slots never given back by a crashed instance.
        redis.opsForValue().set(COUNTER, "7");

        assertThat(store.expireStaleSessions()).isZero();

        assertThat(store.getActiveSessionCount()).isEqualTo(2);
        assertThat(redis.opsForZSet().size("wx:{wxapp}:n:f")).as("nothing left in flight").isZero();
    }
}
