package io.github.wxsession.redis.session;

import static io.github.wxsession.test.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.redis.ClockAdvancingSleeper;
import io.github.wxsession.redis.RedisMonitor;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxMessageHandlingException;
import io.github.wxsession.router.WxMessageInProgressException;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances of one bot on one Redis: each message handled once, in its sender's session, in two round trips (one awaited when the handler only reads). */
class RedisWxMessageGateTest extends RedisGateTestSupport {

    private final ExecutorService messages = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopMessages() {
        messages.shutdownNow();
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
        HeldReleases held = new HeldReleases(REDIS.connectionFactory());
        List<Runnable> releases = held.held();
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> {
            WxSession session = sessionManager.getSession(message.getFromUserName());
            if (message.getContent().equals("write")) {
                session.setAttribute("last", message.getMsgId());
                session.setAttribute("count", 1);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("seen " + session.getAttribute("last"));
        }, UnaryOperator.identity(), held);
        try (RedisMonitor monitor = RedisMonitor.watch(REDIS.server(), redis)) {
            assertThat(monitor.commandsDuring(() -> router.route(text(1, "oAnn", "write"))))
                    .as("a sender's first message also creates the session and counts it, once")
                    .containsExactly("evalsha", "evalsha", "evalsha", "evalsha");
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
        HeldReleases held = new HeldReleases(REDIS.connectionFactory());
        List<Runnable> releases = held.held();
        AtomicInteger runs = new AtomicInteger();
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        CountDownLatch bothWaiting = new CountDownLatch(2);
        WxMessageRouter router = instance((message, context, wxService, sessionManager) -> {
            runs.incrementAndGet();
            return WxXmlOutMessage.replyTo(message).createTime(1).text("seen " + message.getContent());
        }, settings -> settings.sleeper(pause -> {
            if (waiting.add(Thread.currentThread().getName())) {
                bothWaiting.countDown();
            }
            Thread.sleep(1);
        }), held);
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
    void aMessageWithoutASenderDeDuplicatesWithoutTouchingASession() {
        RedisWxSessionStore store = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").build();
        RedisWxMessageGate gate = RedisWxMessageGate.builder(store).build();

        gate.begin("ww1:e:digest", null).delivery().complete("<xml>reply</xml>");

        assertThat(gate.begin("ww1:e:digest", null))
                .isEqualTo(WxMessageAdmission.handled("ww1:e:digest", "<xml>reply</xml>"));
        // The message's records only (a late record counts the retry that may have come before the release).
        assertThat(redis.keys("wx:*")).contains("wx:{wxapp:}:d:ww1:e:digest")
                .allMatch(key -> key.startsWith("wx:{wxapp:}:d:ww1:e:digest"));
        assertThat(store.getActiveSessionCount()).isZero();
    }

    private record Delivery(long msgId, String reply) {
    }
}
