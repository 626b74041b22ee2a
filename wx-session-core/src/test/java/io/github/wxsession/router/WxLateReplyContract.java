package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.text;
import static io.github.wxsession.test.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxMessageGateContract.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Synchronous handlers that outlive the reply deadline, on every gate: the handler runs once, and
 * its reply reaches the user through the customer-service API, a retry, or the sender's next
 * message. Deliveries of one message alternate between the nodes the subclass supplies (on Redis,
 * application instances of their own). The deadline is short here; the handlers wait on latches,
 * so nothing depends on how fast the machine is.
 */
public abstract class WxLateReplyContract {

    private static final AtomicLong MSG_IDS = new AtomicLong(7_000_000);
    private static final Duration DEADLINE = Duration.ofMillis(200);
    /** How long a retry waits for the running handler in these tests. */
    private static final Duration JOIN_WAIT = Duration.ofMillis(100);

    private final List<WxMessageRouter> routers = new ArrayList<>();
    private final List<String> sentLate = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch handlerRunning = new CountDownLatch(1);
    private final CountDownLatch finishHandler = new CountDownLatch(1);

    /** A node of the account; every node of a test shares the account's state. */
    protected abstract Node node(Duration maxWait);

    @AfterEach
    void closeRouters() {
        finishHandler.countDown();
        routers.forEach(WxMessageRouter::close);
    }

    /** A router on a new node whose one rule thinks until {@link #finishHandler} opens, then answers. */
    private WxMessageRouter router(WxLateReply mode) {
        Node node = node(JOIN_WAIT);
        WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
        router.setGate(node.gate());
        router.setSessionManager(node.sessions());
        router.setReplyTimeout(DEADLINE);
        router.setLateReply(mode);
        router.setAsyncReplySender((message, reply) -> sentLate.add(content(reply)));
        router.rule().contentRegex("think").handler(thinking()).end()
                .rule().handler(Messages.replying("routed")).end();
        routers.add(router);
        return router;
    }

    private WxMessageHandler thinking() {
        return (message, context, wxService, sessions) -> {
            int run = runs.incrementAndGet();
            sessions.getSession(message.getFromUserName()).setAttribute("thoughts", run);
            handlerRunning.countDown();
            await(finishHandler);
            return WxXmlOutMessage.replyTo(message).createTime(1).text("thought " + run);
        };
    }

    private static WxXmlMessage think(String from) {
        return text(MSG_IDS.incrementAndGet(), from, "think");
    }

    @Test
    void customerServiceModeAnswersSuccessAtTheDeadlineAndSendsTheReplyWhenTheHandlerFinishes() throws Exception {
        WxMessageRouter router = router(WxLateReply.CUSTOMER_SERVICE);
        WxXmlMessage message = think("oAnn");
        CountDownLatch answeredEarly = new CountDownLatch(1);

        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(
                () -> router.routeToXml(message, new HashMap<>(), answeredEarly::countDown));
        assertThat(answeredEarly.await(10, TimeUnit.SECONDS)).as("answered at the deadline").isTrue();
        assertThat(delivery).as("while the handler still runs").isNotDone();
        assertThat(sentLate).isEmpty();
        finishHandler.countDown();

        assertThat(delivery.get(10, TimeUnit.SECONDS)).as("nothing more to answer").isNull();
        assertThat(sentLate).containsExactly("thought 1");
        assertThat(router(WxLateReply.CUSTOMER_SERVICE).route(message)).as("a retry after it").isNull();
        assertThat(runs).hasValue(1);
        assertThat(node(JOIN_WAIT).sessions().getSession("oAnn").getAttribute("thoughts")).as("saved").isEqualTo(1);
    }

    @Test
    void aHandlerWithinTheDeadlineIsAnsweredAsUsualInEitherMode() {
        finishHandler.countDown();
        for (WxLateReply mode : WxLateReply.values()) {
            AtomicInteger early = new AtomicInteger();
            String reply = router(mode).routeToXml(think("oBob"), new HashMap<>(), early::incrementAndGet);
            assertThat(content(WxXmlOutMessage.fromXml(reply))).as(mode.name()).startsWith("thought");
            assertThat(early).as(mode.name()).hasValue(0);
        }
        assertThat(sentLate).isEmpty();
    }

    @Test
    void retriesModeLeavesTheDeliveryToWeChatAndARetryThatFindsTheHandlerFinishedAnswersItsReply() throws Exception {
        WxMessageRouter first = router(WxLateReply.RETRIES);
        WxMessageRouter second = router(WxLateReply.RETRIES);
        WxXmlMessage message = think("oAnn");
        AtomicInteger early = new AtomicInteger();

        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(
                () -> first.routeToXml(message, new HashMap<>(), early::incrementAndGet));
        await(handlerRunning);
        assertThatThrownBy(() -> second.route(message)).as("WeChat's retry while it runs")
                .isInstanceOf(WxMessageInProgressException.class);
        finishHandler.countDown();
        String firstAnswer = delivery.get(10, TimeUnit.SECONDS);

        assertThat(content(second.route(message))).as("the next retry").isEqualTo("thought 1");
        assertThat(content(WxXmlOutMessage.fromXml(firstAnswer))).as("the first delivery, if WeChat still listens")
                .isEqualTo("thought 1");
        assertThat(early).as("never answered early").hasValue(0);
        assertThat(sentLate).isEmpty();
        assertThat(runs).hasValue(1);
    }

    @Test
    void weChatsLastRetryAnswersAPlaceholderAndTheSendersNextMessageGetsTheParkedReplyOnce() throws Exception {
        WxMessageRouter[] nodes = {router(WxLateReply.RETRIES), router(WxLateReply.RETRIES)};
        WxXmlMessage message = think("oAnn");

        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(() -> nodes[0].routeToXml(message));
        await(handlerRunning);
        for (int retry = 2; retry <= 3; retry++) {
            WxMessageRouter node = nodes[retry % 2];
            assertThatThrownBy(() -> node.route(message)).as("delivery %d", retry)
                    .isInstanceOf(WxMessageInProgressException.class);
        }
        WxXmlOutMessage placeholder = nodes[0].route(message);
        assertThat(content(placeholder)).as("the fourth delivery").isEqualTo(WxMessageRouter.DEFAULT_LATE_REPLY_PLACEHOLDER);
        assertThat(placeholder.getToUserName()).isEqualTo("oAnn");
        finishHandler.countDown();
        assertThat(delivery.get(10, TimeUnit.SECONDS)).as("nothing for the abandoned first delivery").isNull();

        // Another node, as after a restart, or a load balancer's choice.
        WxMessageRouter later = router(WxLateReply.RETRIES);
        WxXmlMessage next = text(MSG_IDS.incrementAndGet(), "oAnn", "hello");
        assertThat(content(later.route(next))).as("the parked reply, instead of routing").isEqualTo("thought 1");
        assertThat(content(later.route(next))).as("its retry").isEqualTo("thought 1");
        assertThat(content(later.route(text(MSG_IDS.incrementAndGet(), "oAnn", "hello")))).as("once only")
                .isEqualTo("routed");
        assertThat(content(nodes[1].route(message))).as("a stray delivery of the slow message").isNull();
        assertThat(runs).hasValue(1);
        assertThat(node(JOIN_WAIT).sessions().getSession("oAnn").getAttribute("thoughts")).isEqualTo(1);
        assertThat(node(JOIN_WAIT).sessions().getSession("oAnn").getAttribute(WxParkedReplies.ATTRIBUTE)).isNull();
    }

    @Test
    void customerServiceModeParksTooWhenWeChatsLastDeliveryWasAnsweredAPlaceholder() throws Exception {
        WxMessageRouter router = router(WxLateReply.CUSTOMER_SERVICE);
        WxXmlMessage message = think("oCid");
        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(() -> router.routeToXml(message));
        await(handlerRunning);
        // The early answers never reached WeChat: it retried all the same.
        for (int retry = 2; retry <= 3; retry++) {
            assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageInProgressException.class);
        }
        assertThat(content(router.route(message))).isEqualTo(WxMessageRouter.DEFAULT_LATE_REPLY_PLACEHOLDER);
        finishHandler.countDown();
        delivery.get(10, TimeUnit.SECONDS);

        assertThat(sentLate).as("promised to the next message instead").isEmpty();
        assertThat(content(router.route(text(MSG_IDS.incrementAndGet(), "oCid", "hi")))).isEqualTo("thought 1");
    }

    @Test
    void aRulesOwnModeOverridesTheRoutersDefault() throws Exception {
        Node node = node(JOIN_WAIT);
        WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
        routers.add(router);
        router.setGate(node.gate());
        router.setSessionManager(node.sessions());
        router.setReplyTimeout(DEADLINE);
        router.rule().lateReply(WxLateReply.RETRIES).handler(thinking()).end();
        CountDownLatch answeredEarly = new CountDownLatch(1);

        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(
                () -> router.routeToXml(think("oDan"), new HashMap<>(), answeredEarly::countDown));
        await(handlerRunning);
        assertThat(answeredEarly.await(DEADLINE.toMillis() * 3, TimeUnit.MILLISECONDS))
                .as("no early answer in the rule's retries mode").isFalse();
        finishHandler.countDown();

        assertThat(content(WxXmlOutMessage.fromXml(delivery.get(10, TimeUnit.SECONDS)))).isEqualTo("thought 1");
    }

    @Test
    void shutdownWaitsForALateReplyAndSaysWhenItCouldNot() throws Exception {
        WxMessageRouter router = router(WxLateReply.CUSTOMER_SERVICE);
        CountDownLatch answeredEarly = new CountDownLatch(1);
        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(
                () -> router.routeToXml(think("oEve"), new HashMap<>(), answeredEarly::countDown));
        assertThat(answeredEarly.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(router.shutdown(Duration.ofMillis(50))).as("the reply was still pending").isFalse();
        finishHandler.countDown();
        delivery.get(10, TimeUnit.SECONDS);
        assertThat(sentLate).as("sent when the handler finished after all").containsExactly("thought 1");
    }

    @Test
    void shutdownSendsAPendingLateReplyWithinItsTimeout() throws Exception {
        WxMessageRouter router = router(WxLateReply.CUSTOMER_SERVICE);
        CountDownLatch answeredEarly = new CountDownLatch(1);
        CompletableFuture<String> delivery = CompletableFuture.supplyAsync(
                () -> router.routeToXml(think("oFay"), new HashMap<>(), answeredEarly::countDown));
        assertThat(answeredEarly.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> router.shutdown(Duration.ofSeconds(10)));
        finishHandler.countDown();

        assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLate).containsExactly("thought 1");
        delivery.get(10, TimeUnit.SECONDS);
    }
}
