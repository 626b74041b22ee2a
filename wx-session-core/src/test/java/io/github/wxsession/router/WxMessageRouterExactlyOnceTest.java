package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WeChat delivers a message up to four times; its handlers must run once and every delivery get one reply. */
class WxMessageRouterExactlyOnceTest {

    private final WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
    private final ExecutorService deliveries = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopDeliveries() {
        deliveries.shutdownNow();
    }

    @Test
    void everyMessageRunsOnceWhateverTheMixOfConcurrentLateAndFailedDeliveries() throws Exception {
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> successes = new ConcurrentHashMap<>();
        router.rule().handler((message, context, wxService, sessionManager) -> {
            long msgId = message.getMsgId();
            int attempt = attempts.computeIfAbsent(msgId, id -> new AtomicInteger()).incrementAndGet();
            if (msgId % 3 == 2 && attempt == 1) {
                throw new IllegalStateException("the first attempt of message " + msgId + " fails");
            }
            successes.computeIfAbsent(msgId, id -> new AtomicInteger()).incrementAndGet();
            // A second run would answer differently, so equal replies prove a single run.
            return WxXmlOutMessage.replyTo(message).createTime(1).text(msgId + "/" + attempt);
        }).end();

        List<Delivery> all = new ArrayList<>();
        for (long msgId = 0; msgId < 100; msgId++) {
            WxXmlMessage message = text(msgId, "oUser" + msgId, "n");
            switch ((int) (msgId % 3)) {
                case 0 -> all.addAll(concurrently(message, 4));
                case 1 -> {
                    all.add(new Delivery(msgId, deliveries.submit(() -> router.route(message)).get(5, TimeUnit.SECONDS)));
                    all.addAll(concurrently(message, 3));
                }
                default -> {
                    assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageHandlingException.class);
                    all.addAll(concurrently(message, 3));
                }
            }
        }

        Map<Long, String> replies = new ConcurrentHashMap<>();
        for (Delivery delivery : all) {
            String reply = content(delivery.reply());
            assertThat(reply).isNotNull();
            assertThat(replies.computeIfAbsent(delivery.msgId, id -> reply)).as("message %d", delivery.msgId).isEqualTo(reply);
        }
        assertThat(replies).hasSize(100);
        assertThat(successes).hasSize(100).allSatisfy((msgId, count) -> assertThat(count).as("message %d", msgId).hasValue(1));
        assertThat(attempts).allSatisfy((msgId, count) -> assertThat(count).hasValue(msgId % 3 == 2 ? 2 : 1));
    }

    @Test
    void aDuplicateArrivingWhileTheFirstRunsWaitsAndGetsTheSameReply() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        router.rule().handler(blockingHandler(runs, firstRunning, finishFirst)).end();
        CountDownLatch duplicateClaiming = new CountDownLatch(1);
        router.setGate(signalingBegins(new InMemoryWxMessageGate(), duplicateClaiming, 2));
        WxXmlMessage message = text("x");

        Future<WxXmlOutMessage> first = deliveries.submit(() -> router.route(message));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        Future<WxXmlOutMessage> duplicate = deliveries.submit(() -> router.route(message));
        assertThat(duplicateClaiming.await(5, TimeUnit.SECONDS)).isTrue();
        finishFirst.countDown();

        assertThat(duplicate.get(5, TimeUnit.SECONDS)).isEqualTo(first.get(5, TimeUnit.SECONDS));
        assertThat(content(first.get())).isEqualTo("run 1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDuplicateThatWaitedInVainIsToldToComeBackLaterAndNothingRunsTwice() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        router.rule().handler(blockingHandler(runs, firstRunning, finishFirst)).end();
        router.setGate(InMemoryWxMessageGate.builder().maxWait(Duration.ZERO).build());
        WxXmlMessage message = text("x");

        Future<WxXmlOutMessage> first = deliveries.submit(() -> router.route(message));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageInProgressException.class)
                .hasMessageContaining("answer 503")
                .satisfies(e -> assertThat(((WxMessageInProgressException) e).getMessageKey()).startsWith(":m:"));
        assertThatThrownBy(() -> router.routeToXml(message)).isInstanceOf(WxMessageInProgressException.class);
        finishFirst.countDown();
        WxXmlOutMessage reply = first.get(5, TimeUnit.SECONDS);

        assertThat(router.route(message)).isEqualTo(reply);
        assertThat(router.routeToXml(message)).isEqualTo(reply.toXml());
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRetryAfterSuccessGetsTheCachedReplyWithTheFirstCreateTime() {
        AtomicInteger runs = new AtomicInteger();
        router.rule().handler((message, context, wxService, sessionManager) ->
                WxXmlOutMessage.replyTo(message).createTime(1000 + runs.incrementAndGet()).text("hello")).end();
        WxXmlMessage message = text("x");

        String first = router.routeToXml(message);
        String retry = router.routeToXml(message);

        assertThat(retry).isEqualTo(first).contains("<CreateTime>1001</CreateTime>");
        assertThat(runs).hasValue(1);
    }

    @Test
    void differentEventsOfOneUserInTheSameSecondAreAllHandled() {
        AtomicInteger runs = new AtomicInteger();
        router.rule().handler((message, context, wxService, sessionManager) -> {
            runs.incrementAndGet();
            return null;
        }).end();

        router.route(Messages.event("oUser", 1700000000, "subscribe", "qrscene_7"));
        router.route(Messages.event("oUser", 1700000000, "SCAN", "7"));
        router.route(Messages.event("oUser", 1700000000, "SCAN", "7"));

        assertThat(runs).hasValue(2);
    }

    private List<Delivery> concurrently(WxXmlMessage message, int times) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WxXmlOutMessage>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Callable<WxXmlOutMessage> delivery = () -> {
                start.await();
                return router.route(message);
            };
            futures.add(deliveries.submit(delivery));
        }
        start.countDown();
        List<Delivery> done = new ArrayList<>();
        for (Future<WxXmlOutMessage> future : futures) {
            done.add(new Delivery(message.getMsgId(), future.get(5, TimeUnit.SECONDS)));
        }
        return done;
    }

    private static WxMessageHandler blockingHandler(AtomicInteger runs, CountDownLatch running, CountDownLatch finish) {
        return (message, context, wxService, sessionManager) -> {
            int run = runs.incrementAndGet();
            running.countDown();
            try {
                assertThat(finish.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("run " + run);
        };
    }

    /** Counts begins down on {@code latch} from the {@code nth} begin on, before delegating. */
    private static WxMessageGate signalingBegins(WxMessageGate delegate, CountDownLatch latch, int nth) {
        AtomicInteger begins = new AtomicInteger();
        return (key, sender) -> {
            if (begins.incrementAndGet() >= nth) {
                latch.countDown();
            }
            return delegate.begin(key, sender);
        };
    }

    private record Delivery(long msgId, WxXmlOutMessage reply) {
    }
}
