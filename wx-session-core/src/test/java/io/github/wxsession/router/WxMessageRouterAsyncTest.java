package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.replying;
import static io.github.wxsession.router.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Async rules run on a bounded executor and reply through the sender hook. */
class WxMessageRouterAsyncTest {

    private final WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void shutDown() {
        release.countDown();
        router.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void anAsyncRulesReplyGoesToTheSenderNotToTheCallback() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().async().handler(replying("late answer")).end();
        WxXmlMessage message = text("slow question");

        assertThat(router.route(message)).isNull();

        Sent delivery = sent.poll(5, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        assertThat(delivery.inbound()).isSameAs(message);
        assertThat(content(delivery.reply())).isEqualTo("late answer");
        assertThat(delivery.reply().getToUserName()).isEqualTo("oUser");
    }

    @Test
    void theSenderHearsOfAnAsyncRuleBeforeTheCallbackIsAnsweredAndBeforeTheRuleRuns() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        router.setAsyncReplySender(new WxAsyncReplySender() {
            @Override
            public void accepted(WxXmlMessage inbound) {
                events.add("accepted " + inbound.getContent());
            }

            @Override
            public void send(WxXmlMessage inbound, WxXmlOutMessage reply) {
                events.add("sent " + content(reply));
            }
        });
        router.rule().async().handler((m, context, s, sm) -> {
            awaitRelease();
            events.add("ran");
            return WxXmlOutMessage.replyTo(m).text("answer");
        }).end();

        assertThat(router.route(text("question"))).isNull();
        events.add("answered");
        release.countDown();

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("accepted question");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("answered");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("sent answer");
    }

    @Test
    void syncRulesStillAnswerTheCallbackNextToAnAsyncOne() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().async().handler(replying("the full answer")).next()
                .rule().handler(replying("working on it")).end();

        assertThat(content(router.route(text("x")))).isEqualTo("working on it");
        assertThat(content(sent.poll(5, TimeUnit.SECONDS).reply())).isEqualTo("the full answer");
    }

    @Test
    void asyncWorkKeepsTheContextAsItWasWhenQueued() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().handler((m, context, s, sm) -> {
            context.put("step", "set by a sync rule");
            return null;
        }).next()
                .rule().async().handler((m, context, s, sm) -> {
                    awaitRelease();
                    return WxXmlOutMessage.replyTo(m).text(String.valueOf(context.get("step")));
                }).end();
        Map<String, Object> context = new HashMap<>();

        router.route(text("x"), context);
        context.put("step", "changed by the caller afterwards");
        release.countDown();

        assertThat(content(sent.poll(5, TimeUnit.SECONDS).reply())).isEqualTo("set by a sync rule");
    }

    @Test
    void asyncHandlersGetTheRoutersServiceAndSessionManager() throws Exception {
        Messages.OpaqueSessionManager sessions = new Messages.OpaqueSessionManager();
        router.setSessionManager(sessions);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().async().handler((m, c, service, sessionManager) -> {
            seen.add(service);
            seen.add(sessionManager);
            seen.add(Thread.currentThread());
            return null;
        }).end();

        router.route(text("x"));

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isSameAs(Messages.WX_SERVICE);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isSameAs(sessions);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(Thread.class, thread -> {
            assertThat(thread.getName()).startsWith("wx-router-async-");
            assertThat(thread.isDaemon()).isTrue();
        });
    }

    @Test
    void aFullQueueIsAnErrorTheCallerSeesAndTheMessageIsReleasedForItsRetry() throws Exception {
        router.setAsyncExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1)));
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        CountDownLatch running = new CountDownLatch(1);
        router.rule().async().handler((m, c, s, sm) -> {
            running.countDown();
            awaitRelease();
            return WxXmlOutMessage.replyTo(m).text(m.getContent());
        }).end();
        router.route(text("occupies the thread"));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        router.route(text("waits in the queue"));
        WxXmlMessage overflow = text("finds the queue full");

        assertThatThrownBy(() -> router.route(overflow)).isInstanceOf(WxMessageHandlingException.class)
                .hasMessageContaining("async queue is full").hasCauseInstanceOf(RejectedExecutionException.class);

        release.countDown();
        assertThat(sent.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(sent.poll(5, TimeUnit.SECONDS)).isNotNull();
        router.route(overflow);
        assertThat(content(sent.poll(5, TimeUnit.SECONDS).reply())).isEqualTo("finds the queue full");
    }

    @Test
    void theDefaultExecutorIsBoundedAndRejectsWhenFull() {
        ThreadPoolExecutor pool = AsyncRuleExecutor.bounded(1, 1);
        try {
            pool.execute(this::awaitRelease);
            pool.execute(this::awaitRelease);

            assertThatThrownBy(() -> pool.execute(this::awaitRelease)).isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void shutdownDrainsQueuedWorkBeforeReturning() throws Exception {
        router.setAsyncExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10)));
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().async().handler((m, c, s, sm) -> {
            awaitRelease();
            return WxXmlOutMessage.replyTo(m).text(m.getContent());
        }).end();
        for (int i = 0; i < 4; i++) {
            router.route(text("message " + i));
        }

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> router.shutdown(Duration.ofSeconds(5)));
        release.countDown();

        assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).hasSize(4);
        assertThatThrownBy(() -> router.route(text("too late"))).isInstanceOf(WxMessageHandlingException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void shutdownGivesUpAfterItsTimeoutAndInterruptsWhatIsLeft() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        router.rule().async().handler((m, c, s, sm) -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }).end();
        router.route(text("x"));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(router.shutdown(Duration.ZERO)).isFalse();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAsyncFailureGoesToTheExceptionHandlerWhoseReplyIsSent() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.setExceptionHandler((message, context, exception) ->
                WxXmlOutMessage.replyTo(message).text("failed: " + exception.getMessage()));
        router.rule().async().handler((m, c, s, sm) -> {
            throw new IllegalStateException("no luck");
        }).end();

        assertThat(router.route(text("x"))).isNull();
        assertThat(content(sent.poll(5, TimeUnit.SECONDS).reply())).isEqualTo("failed: no luck");
    }

    @Test
    void anAsyncRuleWithoutASenderFailsFast() {
        router.rule().async().handler(replying("lost")).end();

        assertThatThrownBy(() -> router.route(text("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setAsyncReplySender");
    }

    @Test
    void theExecutorCannotBeReplacedOnceAsyncWorkStarted() throws Exception {
        router.setAsyncReplySender((inbound, reply) -> sent.add(new Sent(inbound, reply)));
        router.rule().async().handler(replying("x")).end();
        router.route(text("x"));

        assertThatThrownBy(() -> router.setAsyncExecutor(AsyncRuleExecutor.bounded(1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the first async message");
        assertThat(sent.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aRouterWithoutAsyncWorkShutsDownAtOnce() {
        WxMessageRouter syncOnly = new WxMessageRouter(Messages.WX_SERVICE);

        assertThat(syncOnly.shutdown(Duration.ZERO)).isTrue();
    }

    private void awaitRelease() {
        try {
            assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Sent(WxXmlMessage inbound, WxXmlOutMessage reply) {
    }
}
