package io.github.wxsession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the in-memory store does; the shared behaviour is in {@link WxSessionStoreContractTest}. */
class InMemoryWxSessionStoreTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

    @Test
    void backgroundSweepExpiresIdleSessionsOnTheSharedDaemonThread() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        Thread[] sweeperThread = new Thread[1];
        InMemoryWxSessionStore store = InMemoryWxSessionStore.builder()
                .clock(clock)
                .defaultMaxInactiveInterval(Duration.ofMinutes(1))
                .sweepInterval(Duration.ofMillis(10))
                .listener(new WxSessionListener() {
                    @Override
                    public void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
                        sweeperThread[0] = Thread.currentThread();
                        expired.countDown();
                    }
                })
                .build();
        try {
            store.getSession("idle");
            clock.advance(Duration.ofMinutes(1));

            store.start();

            assertThat(expired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sweeperThread[0].getName()).isEqualTo("wx-session-sweeper");
            assertThat(sweeperThread[0].isDaemon()).isTrue();
            assertThat(store.getActiveSessionCount()).isZero();
        } finally {
            store.close();
        }
        // The thread is shared by every store of the JVM; the store's own sweep ends with it.
        assertThat(store.isRunning()).as("sweep outlived its store").isFalse();
    }

    @Test
    void startAndStopAreIdempotentAndTheStoreStaysUsable() {
        InMemoryWxSessionStore store = InMemoryWxSessionStore.builder().clock(clock).build();
        assertThat(store.isRunning()).isFalse();

        store.start();
        store.start();
        assertThat(store.isRunning()).isTrue();

        store.stop();
        store.stop();
        assertThat(store.isRunning()).isFalse();
        store.getSession("u").setAttribute("k", "v");
        assertThat(store.getSession("u").getAttribute("k")).isEqualTo("v");

        store.start();
        assertThat(store.isRunning()).isTrue();
        store.close();
        assertThat(store.isRunning()).isFalse();
    }

    @Test
    void closeEvictsEveryLiveSessionSoListenersCanReleaseWhatTheyHeld() {
        RecordingSessionListener events = new RecordingSessionListener();
        InMemoryWxSessionStore store = InMemoryWxSessionStore.builder().clock(clock).listener(events).build();
        WxSession a = store.getSession("a");
        a.setAttribute("k", 1);
        store.getSession("b");

        store.close();

        assertThat(events.events()).contains("destroyed a EVICTED", "destroyed b EVICTED");
        assertThat(events.attributesAtDestroy("a")).containsEntry("k", 1);
        assertThat(store.getActiveSessionCount()).isZero();
        assertThatIllegalStateException().isThrownBy(() -> a.getAttribute("k"));
    }

    @Test
    void defaultsAreThirtyMinutesAndNoLimit() {
        InMemoryWxSessionStore store = new InMemoryWxSessionStore();
        try {
            assertThat(store.getSession("u").getMaxInactiveInterval()).isEqualTo(1800);
            for (int i = 0; i < 1000; i++) {
                store.getSession("user-" + i);
            }
            assertThat(store.getActiveSessionCount()).isEqualTo(1001);
        } finally {
            store.close();
        }
    }

    @Test
    void builderRejectsSettingsThatCannotWork() {
        InMemoryWxSessionStore.Builder builder = InMemoryWxSessionStore.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxActiveSessions(0))
                .withMessageContaining("maxActiveSessions");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.sweepInterval(Duration.ZERO))
                .withMessageContaining("sweepInterval");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.clock(null));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.listener(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.defaultMaxInactiveInterval(Duration.ofSeconds(Integer.MAX_VALUE + 1L)))
                .withMessageContaining("at most");
    }

    @Test
    void negativeDefaultTimeoutMakesSessionsImmortal() {
        InMemoryWxSessionStore store = InMemoryWxSessionStore.builder()
                .clock(clock)
                .defaultMaxInactiveInterval(Duration.ofSeconds(-1))
                .build();
        store.getSession("u");
        clock.advance(Duration.ofDays(365));

        assertThat(store.expireStaleSessions()).isZero();
        assertThat(store.getSession("u", false)).isNotNull();
    }
}
