package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.text;
import static io.github.wxsession.test.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxMessageAdmission.Outcome;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.test.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The unit of work every {@link WxMessageGate} keeps, whatever its store. A subclass supplies the
 * nodes of one account: in memory they are one gate (a node is a thread of one JVM); on Redis each
 * node is an instance of its own, sharing only Redis.
 */
public abstract class WxMessageGateContract {

    private static final AtomicLong MSG_IDS = new AtomicLong(5_000_000);

    private final List<WxMessageRouter> routers = new ArrayList<>();

    /**
     * A node of the account: every node of a test shares the account's state. A test asks for all
     * its nodes with the same wait.
     */
    protected abstract Node node(Duration maxWait);

    /** A gate and the session store its deliveries work on. */
    public record Node(WxMessageGate gate, WxSessionStore sessions) {
    }

    @AfterEach
    void closeRouters() {
        routers.forEach(WxMessageRouter::close);
    }

    private WxMessageRouter router(Node node, WxMessageHandler handler) {
        WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
        router.setGate(node.gate());
        router.setSessionManager(node.sessions());
        router.rule().handler(handler).end();
        routers.add(router);
        return router;
    }

    private static WxXmlMessage message(String from) {
        return text(MSG_IDS.incrementAndGet(), from, "n");
    }

    @Test
    void oneSendersMessagesRunOneAtATimeAcrossNodesSoNoIncrementIsLost() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        WxMessageHandler increment = (message, context, wxService, sessionManager) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                WxSession session = sessionManager.getSession(message.getFromUserName());
                Integer n = (Integer) session.getAttribute("n");
                Thread.yield();
                session.setAttribute("n", n == null ? 1 : n + 1);
                return null;
            } finally {
                running.decrementAndGet();
            }
        };
        Duration wait = Duration.ofSeconds(4);
        WxMessageRouter[] nodes = {router(node(wait), increment), router(node(wait), increment)};

        Concurrently.runAll(List.<Callable<Void>>of(() -> send(nodes[0], 500), () -> send(nodes[1], 500)));

        assertThat(mostAtOnce).as("handlers of one sender running at once").hasValue(1);
        assertThat(node(wait).sessions().getSession("oAnn").getAttribute("n")).isEqualTo(1000);
    }

    private static Void send(WxMessageRouter router, int messages) {
        for (int i = 0; i < messages; i++) {
            router.route(message("oAnn"));
        }
        return null;
    }

    @Test
    void differentSendersRunAtTheSameTime() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        WxMessageHandler meet = (message, context, wxService, sessionManager) -> {
            sessionManager.getSession(message.getFromUserName()).setAttribute("met", true);
            try {
                // Returns only once the other sender's handler is running too.
                bothInside.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other sender's handler never ran alongside", e);
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("met");
        };
        Duration wait = Duration.ofSeconds(4);
        WxMessageRouter first = router(node(wait), meet);
        WxMessageRouter second = router(node(wait), meet);

        List<WxXmlOutMessage> replies = Concurrently.runAll(List.<Callable<WxXmlOutMessage>>of(
                () -> first.route(message("oAnn")), () -> second.route(message("oBob"))));

        assertThat(replies).extracting(Messages::content).containsExactly("met", "met");
    }

    @Test
    void aRetryWhileTheFirstDeliveryRunsWaitsForItAndGetsTheSameReply() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        WxMessageHandler slow = (message, context, wxService, sessionManager) -> {
            int run = runs.incrementAndGet();
            firstRunning.countDown();
            await(finishFirst);
            return WxXmlOutMessage.replyTo(message).createTime(1).text("run " + run);
        };
        Duration wait = Duration.ofSeconds(4);
        WxMessageRouter first = router(node(wait), slow);
        WxMessageRouter second = router(node(wait), slow);
        WxXmlMessage message = message("oAnn");

        CompletableFuture<WxXmlOutMessage> original = CompletableFuture.supplyAsync(() -> first.route(message));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<WxXmlOutMessage> retry = CompletableFuture.supplyAsync(() -> second.route(message));
        finishFirst.countDown();

        assertThat(content(retry.get(5, TimeUnit.SECONDS))).isEqualTo("run 1");
        assertThat(content(original.get(5, TimeUnit.SECONDS))).isEqualTo("run 1");
        assertThat(content(second.route(message))).as("a retry after success").isEqualTo("run 1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRetryThatWaitedInVainIsToldToComeBackAndNothingRunsTwice() throws Exception {
        Node node = node(Duration.ofMillis(100));
        WxDelivery first = node.gate().begin("k", "oAnn").delivery();

        assertThat(node(Duration.ofMillis(100)).gate().begin("k", "oAnn"))
                .isEqualTo(WxMessageAdmission.inProgress("k"));
        first.complete("<xml>once</xml>");
        assertThat(node(Duration.ofMillis(100)).gate().begin("k", "oAnn"))
                .isEqualTo(WxMessageAdmission.handled("k", "<xml>once</xml>"));
    }

    @Test
    void aFailedDeliveryFreesTheMessageAndTheSenderSoTheRetryHandlesIt() {
        AtomicInteger runs = new AtomicInteger();
        WxMessageHandler failingOnce = (message, context, wxService, sessionManager) -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("down for a moment");
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("run " + runs.get());
        };
        WxMessageRouter router = router(node(Duration.ZERO), failingOnce);
        WxXmlMessage message = message("oAnn");

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageHandlingException.class);
        assertThat(content(router.route(message))).as("the retry, without waiting").isEqualTo("run 2");
        assertThat(content(router.route(message))).isEqualTo("run 2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aSendersNextMessageWaitsForItsTurnAndGivesUpAsBusyHoldingNothing() throws Exception {
        Duration wait = Duration.ofMillis(300);
        WxDelivery running = node(wait).gate().begin("first", "oAnn").delivery();

        assertThatThrownBy(() -> node(wait).gate().begin("second", "oAnn"))
                .isInstanceOf(WxSenderBusyException.class).hasMessageContaining("oAnn");
        WxDelivery bob = node(wait).gate().begin("third", "oBob").delivery();
        assertThat(bob).as("another sender is not held up").isNotNull();

        CompletableFuture<WxMessageAdmission> waiting = CompletableFuture.supplyAsync(
                () -> node(wait).gate().begin("second", "oAnn"));
        running.complete(null);
        WxMessageAdmission second = waiting.get(5, TimeUnit.SECONDS);
        assertThat(second.outcome()).as("the busy message took nothing: its retry runs").isEqualTo(Outcome.ACQUIRED);
        second.delivery().complete(null);
        bob.complete(null);
    }

    @Test
    void messagesWithoutASenderTakeNoTurnAndNoSession() throws Exception {
        Node node = node(Duration.ZERO);
        WxDelivery first = node.gate().begin("sys-1", null).delivery();
        WxDelivery second = node(Duration.ZERO).gate().begin("sys-2", null).delivery();

        assertThat(second).as("begun while the first runs, without waiting").isNotNull();
        assertThat(second.sender()).isNull();
        second.complete("<xml>2</xml>");
        first.complete("<xml>1</xml>");
        assertThat(node.gate().begin("sys-1", null)).isEqualTo(WxMessageAdmission.handled("sys-1", "<xml>1</xml>"));
        assertThat(node.sessions().getActiveSessionCount()).isZero();
    }

    @Test
    void aDeliveryEndsOnceAbandonAfterCompleteChangesNothing() {
        Node node = node(Duration.ZERO);
        WxDelivery delivery = node.gate().begin("k", "oAnn").delivery();
        assertThat(delivery.key()).isEqualTo("k");
        assertThat(delivery.sender()).isEqualTo("oAnn");

        delivery.complete("<xml>reply</xml>");
        delivery.abandon();

        assertThatThrownBy(() -> delivery.complete("<xml>again</xml>")).isInstanceOf(IllegalStateException.class);
        assertThat(node.gate().begin("k", "oAnn")).isEqualTo(WxMessageAdmission.handled("k", "<xml>reply</xml>"));
        assertThat(node.gate().begin("next", "oAnn").outcome()).as("the sender's turn was passed on")
                .isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void anAbandonedDeliveryCannotBeCompletedAfterwards() {
        Node node = node(Duration.ZERO);
        WxDelivery delivery = node.gate().begin("k", "oBob").delivery();

        delivery.abandon();

        assertThatThrownBy(() -> delivery.complete("<xml>late</xml>")).isInstanceOf(IllegalStateException.class);
        assertThat(node.gate().begin("k", "oBob").outcome()).as("free for the retry").isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aMessageHandledWithoutAReplyAnswersNoneToItsRetries() {
        Node node = node(Duration.ZERO);
        node.gate().begin("k", "oAnn").delivery().complete(null);

        assertThat(node.gate().begin("k", "oAnn")).isEqualTo(WxMessageAdmission.handled("k", null));
    }

}
