package io.github.wxsession.redis;

import static io.github.wxsession.test.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxDelivery;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxMessageHandlingException;
import io.github.wxsession.router.WxMessageInProgressException;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two instances of one bot on one Redis: each message handled once, in its sender's session, in two round trips (one awaited when the handler only reads). */
class RedisWxMessageGateTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** Handed to handlers, never called: a real client aimed at a port nobody listens on. */
    private static final WxService WX_SERVICE = new HttpWxService(
            WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
            InMemoryWxConfigStorage.builder().appId("wxapp").secret("unused").build());

    private static final Duration LEASE = Duration.ofMillis(300);

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final StringRedisTemplate redis = REDIS.template();
    private final ExecutorService messages = Executors.newFixedThreadPool(8);
    private final ExecutorService deliveries = Executors.newFixedThreadPool(32);
    private final List<WxMessageRouter> routers = new ArrayList<>();
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();

    @AfterEach
    void stop() {
        messages.shutdownNow();
        deliveries.shutdownNow();
        routers.forEach(WxMessageRouter::close);
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** One application instance: its own store and gate, sharing Redis with the others. */
    private WxMessageRouter instance(WxMessageHandler handler, UnaryOperator<RedisWxSessionStore.Builder> settings) {
        RedisWxSessionStore store = settings.apply(RedisWxSessionStore.builder(REDIS.connectionFactory())
                .appId("wxapp").clock(clock)).build();
        WxMessageRouter router = new WxMessageRouter(WX_SERVICE);
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler(handler).end();
        routers.add(router);
        return router;
    }

    private WxMessageRouter instance(WxMessageHandler handler) {
        return instance(handler, UnaryOperator.identity());
    }

    @Test
    void everyMessageRunsOnceAcrossInstancesWhateverTheMixOfConcurrentLateAndFailedDeliveries() throws Exception {
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> successes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        WxMessageHandler handler = (message, context, wxService, sessionManager) -> {
            long msgId = message.getMsgId();
            String sender = message.getFromUserName();
            int attempt = attempts.computeIfAbsent(msgId, id -> new AtomicInteger()).incrementAndGet();
            if (running.computeIfAbsent(sender, id -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                WxSession session = sessionManager.getSession(sender);
                Integer handled = (Integer) session.getAttribute("handled");
                session.setAttribute("handled", handled == null ? 1 : handled + 1);
                if (msgId % 3 == 2 && attempt == 1) {
                    throw new IllegalStateException("the first attempt of message " + msgId + " fails");
                }
                successes.computeIfAbsent(msgId, id -> new AtomicInteger()).incrementAndGet();
                // A second run would answer differently, so equal replies prove a single run.
                return WxXmlOutMessage.replyTo(message).createTime(1).text(msgId + "/" + attempt);
            } finally {
                running.get(sender).decrementAndGet();
            }
        };
        WxMessageRouter[] instances = {instance(handler), instance(handler)};

        List<Future<List<Delivery>>> scenarios = new ArrayList<>();
        for (long msgId = 0; msgId < 100; msgId++) {
            WxXmlMessage message = text(msgId, "oUser" + msgId % 10, "n");
            scenarios.add(messages.submit(() -> deliver(message, instances)));
        }

        Map<Long, String> replies = new ConcurrentHashMap<>();
        for (Future<List<Delivery>> scenario : scenarios) {
            for (Delivery delivery : scenario.get(30, TimeUnit.SECONDS)) {
                String reply = delivery.reply();
                assertThat(reply).isNotNull();
                assertThat(replies.computeIfAbsent(delivery.msgId(), id -> reply)).as("message %d", delivery.msgId())
                        .isEqualTo(reply);
            }
        }
        assertThat(replies).hasSize(100);
        assertThat(successes).hasSize(100).allSatisfy((msgId, count) -> assertThat(count).as("message %d", msgId).hasValue(1));
        assertThat(attempts).allSatisfy((msgId, count) -> assertThat(count).hasValue(msgId % 3 == 2 ? 2 : 1));
        assertThat(overlaps).as("messages of one sender handled at the same time").hasValue(0);
        for (int user = 0; user < 10; user++) {
            assertThat(redis.opsForHash().get("wx:{wxapp:oUser" + user + "}:s", "a:handled"))
                    .as("successful messages counted in the session of user %d", user).isEqualTo("10");
        }
        assertThat(redis.keys("wx:*:l")).as("locks left behind").isEmpty();
    }

    /** Four deliveries of one message, spread over the instances: all at once, after a success, or after a failure. */
    private List<Delivery> deliver(WxXmlMessage message, WxMessageRouter[] instances) throws Exception {
        long msgId = message.getMsgId();
        List<Delivery> done = new ArrayList<>();
        switch ((int) (msgId % 3)) {
            case 0 -> done.addAll(concurrently(message, instances, 4));
            case 1 -> {
                done.add(new Delivery(msgId, content(instances[0].route(message))));
                done.addAll(concurrently(message, instances, 3));
            }
            default -> {
                assertThatThrownBy(() -> instances[1].route(message)).isInstanceOf(WxMessageHandlingException.class);
                done.addAll(concurrently(message, instances, 3));
            }
        }
        return done;
    }

    private List<Delivery> concurrently(WxXmlMessage message, WxMessageRouter[] instances, int times) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WxXmlOutMessage>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            WxMessageRouter router = instances[i % instances.length];
            Callable<WxXmlOutMessage> delivery = () -> {
                start.await();
                return router.route(message);
            };
            futures.add(deliveries.submit(delivery));
        }
        start.countDown();
        List<Delivery> done = new ArrayList<>();
        for (Future<WxXmlOutMessage> future : futures) {
            done.add(new Delivery(message.getMsgId(), content(future.get(20, TimeUnit.SECONDS))));
        }
        return done;
    }

    @Test
    void whatAHandlerWritesToTheSessionIsThereForTheSendersNextMessageOnAnotherInstance() {
        WxMessageHandler game = (message, context, wxService, sessionManager) -> {
            WxSession session = sessionManager.getSession(message.getFromUserName());
            Integer guesses = (Integer) session.getAttribute("guesses");
            session.setAttribute("guesses", guesses == null ? 1 : guesses + 1);
            return WxXmlOutMessage.replyTo(message).createTime(1).text("guess " + session.getAttribute("guesses"));
        };
        WxMessageRouter first = instance(game);
        WxMessageRouter second = instance(game);

        assertThat(content(first.route(text(1, "oAnn", "50")))).isEqualTo("guess 1");
        assertThat(content(second.route(text(2, "oAnn", "25")))).isEqualTo("guess 2");
        assertThat(content(first.route(text(3, "oBob", "75")))).isEqualTo("guess 1");
        assertThat(content(second.route(text(4, "oAnn", "12")))).isEqualTo("guess 3");
    }

    @Test
    void aMessageCostsTwoRoundTripsWhenItsHandlerWritesOneAwaitedWhenItOnlyReadsAndOneForADuplicate() throws Exception {
        List<Runnable> releases = new ArrayList<>();
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> {
            WxSession session = sessionManager.getSession(message.getFromUserName());
            if (message.getContent().equals("write")) {
                session.setAttribute("last", message.getMsgId());
                session.setAttribute("count", 1);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("seen " + session.getAttribute("last"));
        }, settings -> settings.releaseExecutor(releases::add));
        try (RedisMonitor monitor = RedisMonitor.watch(REDIS.server(), redis)) {
            assertThat(monitor.commandsDuring(() -> router.route(text(1, "oAnn", "write"))))
                    .as("a sender's first message also creates the session and counts it, once")
                    .containsExactly("evalsha", "evalsha", "incr", "evalsha");
            assertThat(monitor.commandsDuring(() -> router.route(text(2, "oAnn", "write"))))
                    .containsExactly("evalsha", "evalsha");
            assertThat(releases).as("a message that wrote waited for its save").isEmpty();

            assertThat(monitor.commandsDuring(() -> assertThat(content(router.route(text(3, "oAnn", "read"))))
                    .isEqualTo("seen 2")))
                    .as("only read: the reply waited for the load alone").containsExactly("evalsha");
            assertThat(releases).hasSize(1);
            assertThat(monitor.commandsDuring(() -> releases.remove(0).run()))
                    .as("the lock release and the cached reply, sent after the reply").containsExactly("evalsha");

            assertThat(monitor.commandsDuring(() -> router.route(text(3, "oAnn", "read"))))
                    .as("a retry after success: the cached reply").containsExactly("evalsha");
        }
        assertThat(releases).isEmpty();
    }

    @Test
    void aReadOnlyMessagesLateReleaseHoldsBackItsRetryAndTheSendersNextMessageUntilItLands() throws Exception {
        List<Runnable> releases = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        CountDownLatch bothWaiting = new CountDownLatch(2);
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> {
            runs.incrementAndGet();
            return WxXmlOutMessage.replyTo(message).createTime(1).text("seen " + message.getContent());
        }, settings -> settings.releaseExecutor(releases::add).sleeper(pause -> {
            if (waiting.add(Thread.currentThread().getName())) {
                bothWaiting.countDown();
            }
            Thread.sleep(1);
        }));
        assertThat(content(router.route(text(1, "oAnn", "first")))).isEqualTo("seen first");

        Future<WxXmlOutMessage> retry = deliveries.submit(() -> router.route(text(1, "oAnn", "first")));
        Future<WxXmlOutMessage> next = deliveries.submit(() -> router.route(text(2, "oAnn", "second")));
        assertThat(bothWaiting.await(5, TimeUnit.SECONDS))
                .as("the retry finds the message in progress, the next one the sender locked; both wait").isTrue();
        assertThat(retry).isNotDone();
        assertThat(next).isNotDone();

        releases.remove(0).run();
        assertThat(content(retry.get(5, TimeUnit.SECONDS))).isEqualTo("seen first");
        assertThat(content(next.get(5, TimeUnit.SECONDS))).isEqualTo("seen second");
        assertThat(runs).hasValue(2);
    }

    @Test
    void readOnlyMessagesReleaseWithoutWaitingOnTheSharedLettuceConnectionAndStoppingWaitsForTheAnswers() {
        RedisWxSessionStore store = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").build();
        WxMessageRouter router = new WxMessageRouter(WX_SERVICE);
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler((message, context, wxService, sessionManager) -> WxXmlOutMessage.replyTo(message)
                .createTime(1).text("hello")).end();
        routers.add(router);
        for (int i = 0; i < 50; i++) {
            router.route(text(100 + i, "oUser" + i, "hi"));
        }
        store.stop();
        assertThat(redis.keys("wx:{wxapp:*}:l")).as("every release was answered before stop returned").isEmpty();
        assertThat(redis.keys("wx:{wxapp:*}:d:*")).hasSize(50)
                .allSatisfy(key -> assertThat(redis.opsForValue().get(key)).startsWith("h:"));
    }

    @Test
    void withoutDeferralEveryMessageWaitsForBothScripts() throws Exception {
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> WxXmlOutMessage
                .replyTo(message).createTime(1).text("seen " + message.getContent()),
                settings -> settings.deferReadOnlyReleases(false));
        router.route(text(1, "oAnn", "warm up"));
        try (RedisMonitor monitor = RedisMonitor.watch(REDIS.server(), redis)) {
            assertThat(monitor.commandsDuring(() -> router.route(text(2, "oAnn", "read"))))
                    .containsExactly("evalsha", "evalsha");
        }
    }

    @Test
    void aFailedDeliveryWritesNothingAndFreesTheMessageAndTheSenderAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> {
            sessionManager.getSession(message.getFromUserName()).setAttribute("run", runs.incrementAndGet());
            if (runs.get() == 1) {
                throw new IllegalStateException("down for a moment");
            }
            return null;
        }, builder -> builder.sleeper(pause -> {
            throw new AssertionError("waited " + pause + " although nothing was held");
        }));
        WxXmlMessage message = text(1, "oAnn", "x");

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageHandlingException.class);
        assertThat(redis.opsForHash().get("wx:{wxapp:oAnn}:s", "a:run")).isNull();

        assertThat(router.route(message)).isNull();
        assertThat(router.route(message)).isNull();
        assertThat(runs).hasValue(2);
        assertThat(redis.opsForHash().get("wx:{wxapp:oAnn}:s", "a:run")).isEqualTo("2");
    }

    @Test
    void aDuplicateThatWaitedInVainIsToldToComeBackLaterAndNothingRunsTwice() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        WxMessageHandler slow = (message, context, wxService, sessionManager) -> {
            int run = runs.incrementAndGet();
            firstRunning.countDown();
            try {
                assertThat(finishFirst.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("run " + run);
        };
        ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);
        WxMessageRouter first = instance(slow);
        WxMessageRouter impatient = instance(slow, builder -> builder.sleeper(sleeper));
        WxXmlMessage message = text(1, "oAnn", "x");

        Future<WxXmlOutMessage> firstDelivery = deliveries.submit(() -> first.route(message));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> impatient.route(message)).isInstanceOf(WxMessageInProgressException.class);
        assertThat(sleeper.pauses().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(RedisWxMessageGate.DEFAULT_MAX_WAIT.toMillis());
        finishFirst.countDown();

        WxXmlOutMessage reply = firstDelivery.get(5, TimeUnit.SECONDS);
        assertThat(impatient.route(message)).isEqualTo(reply);
        assertThat(runs).hasValue(1);
    }

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
            assertThat(impatient.begin(":m:9", "oAnn").outcome()).as("retry %d", retried)
                    .isEqualTo(WxMessageAdmission.Outcome.IN_PROGRESS);
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

    @Test
    void aMessageWithoutASenderDeDuplicatesWithoutTouchingASession() {
        RedisWxSessionStore store = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").build();
        RedisWxMessageGate gate = RedisWxMessageGate.builder(store).build();

        gate.begin("ww1:e:digest", null).delivery().complete("<xml>reply</xml>");

        assertThat(gate.begin("ww1:e:digest", null))
                .isEqualTo(WxMessageAdmission.handled("ww1:e:digest", "<xml>reply</xml>"));
        assertThat(redis.keys("wx:*")).containsExactly("wx:{wxapp:}:d:ww1:e:digest");
        assertThat(store.getActiveSessionCount()).isZero();
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

    private static WxXmlMessage text(long msgId, String from, String content) {
        return WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>");
    }

    private static String content(WxXmlOutMessage reply) {
        return reply == null ? null : WxXmlMessage.fromXml(reply.toXml()).getContent();
    }

    private record Delivery(long msgId, String reply) {
    }
}
