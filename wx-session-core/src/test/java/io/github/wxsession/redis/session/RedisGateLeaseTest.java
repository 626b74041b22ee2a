package io.github.wxsession.redis.session;

import static io.github.wxsession.test.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxDelivery;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leases on a real redis-server: a handler longer than the lease keeps it by renewal; an instance
 * that dies or freezes loses it, its retry is handled elsewhere, and its late outcome is fenced off.
 */
class RedisGateLeaseTest extends RedisGateTestSupport {

    private static final Duration LEASE = Duration.ofMillis(300);

    @Test
    void aMessageWhoseInstanceDiedMidwayIsHandledByARetryOnceTheLeaseRanOutAndTheDeadSaveIsRefused() throws Exception {
        RedisWxSessionStore deadStore = leased(RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp"))
                .leaseRenewalScheduler(frozen()).build();
        RedisWxMessageGate deadGate = RedisWxMessageGate.builder(deadStore).maxWait(Duration.ZERO).build();
        // Begun on a thread that then ends without completing: the instance died while handling the message.
        WxDelivery lost = deliveries.submit(() -> deadGate.begin(":m:1", "oAnn").delivery()).get(5, TimeUnit.SECONDS);
        AtomicInteger runs = new AtomicInteger();
        WxMessageRouter survivor = instance((m, context, wxService, sessionManager) -> {
            runs.incrementAndGet();
            return WxXmlOutMessage.replyTo(m).createTime(1).text("handled after the crash");
        }, this::leased);

        assertThat(deadGate.begin(":m:1", "oAnn").outcome()).isEqualTo(WxMessageAdmission.Outcome.IN_PROGRESS);
        awaitLeaseLapse("oAnn");

        assertThat(content(survivor.route(text(1, "oAnn", "x")))).isEqualTo("handled after the crash");
        assertThatThrownBy(() -> lost.complete("<xml>late</xml>")).isInstanceOf(WxDeliveryLostException.class);
        assertThat(content(survivor.route(text(1, "oAnn", "x")))).as("the late completion changed nothing")
                .isEqualTo("handled after the crash");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFrozenDeliveryWhoseLeaseLapsedSavesNothingAndCachesNothingWhileTheRetrysStateSurvives() throws Exception {
        CountDownLatch aRunning = new CountDownLatch(1);
        CountDownLatch thawA = new CountDownLatch(1);
        WxMessageHandler game = (message, context, wxService, sessionManager) -> {
            WxSession session = sessionManager.getSession(message.getFromUserName());
            String attempt = Thread.currentThread().getName().startsWith("frozen") ? "A" : "B";
            session.setAttribute("handledBy", attempt);
            if (attempt.equals("A")) {
                aRunning.countDown();
                await(thawA);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("reply of " + attempt);
        };
        // A's renewals are frozen with it, as in a long GC pause or a SIGSTOP.
        WxMessageRouter a = instance(game, settings -> leased(settings).leaseRenewalScheduler(frozen()));
        WxMessageRouter b = instance(game, this::leased);
        WxXmlMessage message = text(7, "oAnn", "play");
        ExecutorService frozenThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "frozen-a"));
        try {
            Future<WxXmlOutMessage> attemptA = frozenThread.submit(() -> a.route(message));
            assertThat(aRunning.await(5, TimeUnit.SECONDS)).isTrue();
            awaitLeaseLapse("oAnn");

            assertThat(content(b.route(message))).as("WeChat's retry on the other instance")
                    .isEqualTo("reply of B");
            thawA.countDown();

            assertThatThrownBy(() -> attemptA.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(WxDeliveryLostException.class);
        } finally {
            thawA.countDown();
            frozenThread.shutdownNow();
        }
        assertThat(redis.opsForHash().get("wx:{wxapp:oAnn}:s", "a:handledBy")).as("B's state survives")
                .isEqualTo("\"B\"");
        assertThat(content(b.route(message))).as("A's reply was not cached").isEqualTo("reply of B");
        assertThat(content(a.route(message))).isEqualTo("reply of B");
        assertThat(redis.keys("wx:*:l")).as("no lock left behind").isEmpty();
    }

    @Test
    void aHandlerRunningThreeLeasesKeepsItsLeaseRunsOnceAndSaves() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        WxMessageHandler slow = (message, context, wxService, sessionManager) -> {
            runs.incrementAndGet();
            sessionManager.getSession(message.getFromUserName()).setAttribute("thought", true);
            running.countDown();
            await(finish);
            return WxXmlOutMessage.replyTo(message).createTime(1).text("thought long");
        };
        WxMessageRouter first = instance(slow, this::leased);
        WxMessageRouter retries = instance(slow, settings -> leased(settings));
        RedisWxMessageGate impatient = RedisWxMessageGate.builder(leased(RedisWxSessionStore.builder(
                REDIS.connectionFactory()).appId("wxapp")).build()).maxWait(Duration.ZERO).build();
        WxXmlMessage message = text(9, "oAnn", "think");

        Future<WxXmlOutMessage> original = deliveries.submit(() -> first.route(message));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        long threeLeases = System.nanoTime() + 3 * LEASE.toNanos();
        int retried = 0;
        while (System.nanoTime() < threeLeases) {
            // From the fourth delivery on, the gate also asks for the reply to be parked.
            assertThat(impatient.begin(":m:9", "oAnn").outcome()).as("retry %d", retried)
                    .isIn(WxMessageAdmission.Outcome.IN_PROGRESS, WxMessageAdmission.Outcome.PARKED);
            retried++;
            Thread.sleep(LEASE.toMillis() / 5);
        }
        finish.countDown();

        assertThat(content(original.get(5, TimeUnit.SECONDS))).isEqualTo("thought long");
        assertThat(content(retries.route(message))).isEqualTo("thought long");
        assertThat(runs).hasValue(1);
        assertThat(retried).isGreaterThanOrEqualTo(10);
        assertThat(redis.opsForHash().get("wx:{wxapp:oAnn}:s", "a:thought")).isEqualTo("true");
    }

    @Test
    void aBeginThatFailsAfterItsScriptTookTheLockGivesItBackAtOnce() {
        ScheduledExecutorService shutDown = Executors.newSingleThreadScheduledExecutor();
        shutDown.shutdown();
        RedisWxSessionStore broken = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp")
                .leaseRenewalScheduler(shutDown).build();
        RedisWxSessionStore healthy = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").build();

        // The script takes the lock and the record; then the renewals cannot be scheduled.
        assertThatThrownBy(() -> RedisWxMessageGate.builder(broken).build().begin(":m:1", "oAnn"))
                .isInstanceOf(RejectedExecutionException.class);

        assertThat(redis.keys("wx:{wxapp:oAnn}:*")).as("no lock, no in-progress record left").isEmpty();
        WxDelivery retry = RedisWxMessageGate.builder(healthy).maxWait(Duration.ZERO).build().begin(":m:1", "oAnn")
                .delivery();
        assertThat(retry).as("the retry runs at once, on another instance").isNotNull();
        retry.abandon();
        healthy.stop();
    }

    /** A short lease, so that tests see it lapse. */
    private RedisWxSessionStore.Builder leased(RedisWxSessionStore.Builder settings) {
        return settings.lockLease(LEASE);
    }

    /** A scheduler whose only thread is stuck: the renewals of a frozen process. */
    private ScheduledExecutorService frozen() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch never = new CountDownLatch(1);
        scheduler.execute(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        schedulers.add(scheduler);
        return scheduler;
    }

    /** Waits, by Redis's own clock, until the lease on {@code sender}'s lock ran out and Redis dropped it. */
    private void awaitLeaseLapse(String sender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Boolean.TRUE.equals(redis.hasKey("wx:{wxapp:" + sender + "}:l"))) {
            assertThat(System.nanoTime()).as("the lease lapsed within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
