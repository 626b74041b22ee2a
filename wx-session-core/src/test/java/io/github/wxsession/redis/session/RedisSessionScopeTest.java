package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.Sleeper;
import io.github.wxsession.redis.ClockAdvancingSleeper;
import io.github.wxsession.redis.RedisMonitor;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.session.RecordingSessionListener;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A unit of work on one session: one load, one save, and at most one at a time when locked. */
class RedisSessionScopeTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String LOCK_KEY = "wx:{wxapp:u}:l";

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final StringRedisTemplate redis = REDIS.template();
    private final RedisMonitor monitor = RedisMonitor.watch(REDIS.server(), redis);
    private final RecordingSessionListener events = new RecordingSessionListener();
    private final RedisWxSessionStore store = store(builder -> builder.listener(events));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void createTheSessionAndLoadTheScripts() {
        store.getSession("u").setAttribute("k", "v");
        store.openScope("u", true).close();
        events.clear();
    }

    @AfterEach
    void stopThreadsAndMonitor() throws Exception {
        threads.shutdownNow();
        monitor.close();
    }

    private RedisWxSessionStore store(UnaryOperator<RedisWxSessionStore.Builder> settings) {
        return settings.apply(RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").clock(clock)).build();
    }

    @Test
    void aReadOnlyUnitOfWorkWithoutALockIsOneRoundTrip() {
        Object[] read = new Object[1];

        List<String> sent = monitor.commandsDuring(() -> {
            try (RedisSessionScope scope = store.openScope("u", false)) {
                read[0] = store.getSession(scope.getSessionId()).getAttribute("k");
            }
        });

        assertThat(read[0]).isEqualTo("v");
        assertThat(sent).containsExactly("evalsha");
    }

    @Test
    void aWritingUnitOfWorkIsTwoRoundTripsHoweverManyChanges() {
        List<String> sent = monitor.commandsDuring(() -> {
            try (RedisSessionScope scope = store.openScope("u", false)) {
                WxSession session = store.getSession(scope.getSessionId());
                session.setAttribute("a", 1);
                session.setAttribute("b", 2);
                session.setAttribute("a", 3);
                session.removeAttribute("k");
                session.setMaxInactiveInterval(60);
            }
        });

        assertThat(sent).containsExactly("evalsha", "evalsha");
        assertThat(redis.opsForHash().entries("wx:{wxapp:u}:s")).containsEntry("a:a", "3").containsEntry("a:b", "2")
                .containsEntry("#m", "60").doesNotContainKey("a:k");
        assertThat(redis.getExpire("wx:{wxapp:u}:s")).isBetween(60L + 290, 60L + 300);
    }

    @Test
    void aLockedUnitOfWorkIsTwoRoundTripsAndLeavesNoLockBehind() {
        List<String> sent = monitor.commandsDuring(() -> {
            try (RedisSessionScope scope = store.openScope("u", true)) {
                store.getSession(scope.getSessionId()).getAttribute("k");
            }
        });
        boolean lockedMeanwhile;
        try (RedisSessionScope scope = store.openScope("u", true)) {
            lockedMeanwhile = redis.hasKey("wx:{wxapp:" + scope.getSessionId() + "}:l");
        }

        assertThat(sent).containsExactly("evalsha", "evalsha");
        assertThat(lockedMeanwhile).isTrue();
        assertThat(redis.hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void insideTheScopeGetSessionIsTheRequestLocalCopyAndOthersSeeItsChangesAtTheEnd() {
        RedisWxSessionStore otherInstance = store(UnaryOperator.identity());
        try (RedisSessionScope scope = store.openScope("u", false)) {
            WxSession session = store.getSession(scope.getSessionId());
            assertThat(store.getSession("u", false)).isSameAs(session);
            session.setAttribute("k", "changed");

            assertThat(otherInstance.getSession("u").getAttribute("k")).isEqualTo("v");
            assertThat(store.getSession("other-id")).isNotSameAs(session);
        }
        assertThat(otherInstance.getSession("u").getAttribute("k")).isEqualTo("changed");
    }

    @Test
    void changesAreSavedPerAttributeSoUnitsChangingOtherAttributesKeepBoth() {
        RedisWxSessionStore otherInstance = store(UnaryOperator.identity());
        RedisSessionScope first = store.openScope("u", false);
        RedisSessionScope second = otherInstance.openScope("u", false);
        store.getSession("u").setAttribute("x", "from first");
        otherInstance.getSession("u").setAttribute("y", "from second");

        second.close();
        first.close();

        assertThat(redis.opsForHash().entries("wx:{wxapp:u}:s"))
                .containsEntry("a:x", "\"from first\"").containsEntry("a:y", "\"from second\"");
    }

    @Test
    void loadedAttributesNotReadYetCanBeReplacedAndRemovedAndListenersGetTheirOldValues() {
        store.getSession("u").setAttribute("gone", "soon");
        try (RedisSessionScope scope = store.openScope("u", false)) {
            WxSession session = store.getSession(scope.getSessionId());
            session.setAttribute("k", "replaced");
            session.removeAttribute("gone");

            assertThat(session.getAttribute("k")).isEqualTo("replaced");
            assertThat(session.getAttribute("gone")).isNull();
            assertThat(Collections.list(session.getAttributeNames())).containsExactly("k");
        }
        assertThat(events.events()).containsExactly("added u gone=soon", "replaced u k=v->replaced", "removed u gone=soon");
        assertThat(redis.opsForHash().entries("wx:{wxapp:u}:s")).containsEntry("a:k", "\"replaced\"")
                .doesNotContainKey("a:gone");
    }

    @Test
    void listenersHearChangesWhenMadeAndNewSessionsWhenCreated() {
        try (RedisSessionScope scope = store.openScope("fresh", true)) {
            assertThat(store.getSession("fresh", false)).isNull();
            WxSession session = store.getSession(scope.getSessionId());
            assertThat(session.isNew()).isTrue();
            session.setAttribute("n", 1);
            session.setAttribute("n", 2);
            assertThat(events.events()).containsExactly("created fresh new", "added fresh n=1", "replaced fresh n=1->2");
        }
        assertThat(store.getSession("fresh").getAttribute("n")).isEqualTo(2);
        assertThat(store.getActiveSessionCount()).isEqualTo(2);
    }

    @Test
    void aSessionInvalidatedElsewhereDuringTheUnitIsNotResurrectedByItsSave() {
        RedisWxSessionStore otherInstance = store(UnaryOperator.identity());
        try (RedisSessionScope scope = store.openScope("u", false)) {
            store.getSession(scope.getSessionId()).setAttribute("late", true);
            otherInstance.getSession("u").invalidate();
        }

        assertThat(redis.hasKey("wx:{wxapp:u}:s")).isFalse();
        assertThat(store.getSession("u", false)).isNull();
    }

    @Test
    void invalidatingInsideTheScopeEndsTheSessionAtOnceAndTheNextLookupStartsAFreshOne() {
        try (RedisSessionScope scope = store.openScope("u", true)) {
            WxSession old = store.getSession(scope.getSessionId());
            old.setAttribute("unsaved", 1);
            old.invalidate();
            assertThat(events.attributesAtDestroy("u")).isEqualTo(Map.of("k", "v", "unsaved", 1));

            WxSession fresh = store.getSession("u");
            assertThat(fresh.isNew()).isTrue();
            fresh.setAttribute("k", "again");
        }
        assertThat(store.getSession("u").getAttribute("k")).isEqualTo("again");
        assertThat(Collections.list(store.getSession("u").getAttributeNames())).containsExactly("k");
    }

    @Test
    void afterTheScopeEndsTheCopyWritesThrough() {
        WxSession kept;
        try (RedisSessionScope scope = store.openScope("u", false)) {
            kept = store.getSession(scope.getSessionId());
        }
        kept.setAttribute("later", "yes");

        assertThat(redis.opsForHash().get("wx:{wxapp:u}:s", "a:later")).isEqualTo("\"yes\"");
    }

    @Test
    void discardWritesNothingAndReleasesTheLockSoTheNextUnitNeedNotWait() {
        RedisWxSessionStore impatient = store(builder -> builder.sleeper(mustNotWait()));
        RedisSessionScope failing = store.openScope("u", true);
        try {
            store.getSession("u").setAttribute("k", "half done");
            throw new IllegalStateException("handler failed");
        } catch (IllegalStateException e) {
            failing.discard();
        }
        failing.close();

        try (RedisSessionScope next = impatient.openScope("u", true)) {
            assertThat(impatient.getSession(next.getSessionId()).getAttribute("k")).isEqualTo("v");
        }
    }

    @Test
    void unitsOfWorkOnOneSessionRunOneAfterTheOtherAcrossInstances() throws Exception {
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CountDownLatch secondIsWaiting = new CountDownLatch(1);
        RedisWxSessionStore otherInstance = store(builder -> builder.sleeper(pause -> {
            secondIsWaiting.countDown();
            Thread.yield();
        }));

        Future<?> first = threads.submit(() -> {
            try (RedisSessionScope scope = store.openScope("u", true)) {
                store.getSession(scope.getSessionId()).setAttribute("turn", "first");
                firstHoldsTheLock.countDown();
                finishFirst.await();
            }
            return null;
        });
        assertThat(firstHoldsTheLock.await(5, TimeUnit.SECONDS)).isTrue();
        Future<Object> second = threads.submit(() -> {
            try (RedisSessionScope scope = otherInstance.openScope("u", true)) {
                WxSession session = otherInstance.getSession(scope.getSessionId());
                Object seen = session.getAttribute("turn");
                session.setAttribute("turn", "second");
                return seen;
            }
        });
        assertThat(secondIsWaiting.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isNotDone();
        finishFirst.countDown();

        first.get(5, TimeUnit.SECONDS);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(store.getSession("u").getAttribute("turn")).isEqualTo("second");
    }

    @Test
    void aLockHeldByACrashedUnitIsTakenOverOnceItsLeaseRanOutByRedissClock() throws InterruptedException {
        RedisWxSessionStore crashed = store(builder -> builder.lockLease(Duration.ofMillis(200)));
        RedisWxSessionStore survivor = store(builder -> builder.lockWait(Duration.ZERO));
        RedisSessionScope abandoned = crashed.openScope("u", true);

        assertThatThrownBy(() -> survivor.openScope("u", true)).isInstanceOf(WxLockTimeoutException.class);
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> survivor.openScope("u", true)).as("the callers' clocks do not judge the lease")
                .isInstanceOf(WxLockTimeoutException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Boolean.TRUE.equals(redis.hasKey(LOCK_KEY)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        RedisSessionScope takenOver = survivor.openScope("u", true);
        String survivorsLock = redis.opsForValue().get(LOCK_KEY);
        abandoned.discard();

        assertThat(redis.opsForValue().get(LOCK_KEY)).as("the late release leaves the new holder's lock")
                .isEqualTo(survivorsLock);
        takenOver.close();
        assertThat(redis.hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void waitingForALockEndsAfterTheLockWaitWithAClearException() {
        ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);
        RedisWxSessionStore waiting = store(builder -> builder.sleeper(sleeper).lockWait(Duration.ofSeconds(1)));
        RedisSessionScope holder = store.openScope("u", true);

        assertThatThrownBy(() -> waiting.openScope("u", true)).isInstanceOf(WxLockTimeoutException.class)
                .hasMessageContaining("gave up waiting PT1S for the lock of session u of wxapp")
                .hasMessageContaining("lease of PT10S");
        assertThat(sleeper.pauses()).startsWith(2L, 4L, 8L, 16L, 32L, 50L, 50L);
        assertThat(sleeper.pauses().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        holder.close();
    }

    @Test
    void aScopeEndsOnTheThreadThatOpenedItOnly() throws Exception {
        RedisSessionScope scope = store.openScope("u", true);

        Throwable elsewhere = CompletableFuture.runAsync(scope::close, threads)
                .handle((ok, failure) -> failure.getCause()).get(5, TimeUnit.SECONDS);

        assertThat(elsewhere).isInstanceOf(IllegalStateException.class).hasMessageContaining("on the thread that opened it");
        assertThat(scope.isOpen()).isTrue();
        scope.close();
        assertThat(scope.isOpen()).isFalse();
        assertThat(redis.hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void aNestedScopeIsBoundUntilItEndsThenTheOuterOneAgain() {
        WxSession outerCopy;
        try (RedisSessionScope outer = store.openScope("u", false)) {
            outerCopy = store.getSession(outer.getSessionId());
            try (RedisSessionScope inner = store.openScope("u", false)) {
                assertThat(store.getSession(inner.getSessionId())).isNotSameAs(outerCopy);
            }
            assertThat(store.getSession("u")).isSameAs(outerCopy);
        }
        assertThat(store.getSession("u")).isNotSameAs(outerCopy);
    }

    private static Sleeper mustNotWait() {
        return pause -> {
            throw new AssertionError("waited " + pause + " for a lock that should have been free");
        };
    }
}
