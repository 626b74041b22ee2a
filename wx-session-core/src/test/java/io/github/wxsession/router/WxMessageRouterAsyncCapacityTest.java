package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default async executor, as a router built without the starter has it: async rules wait on
 * I/O, so many run at once (not one per core), a bounded number wait beyond them, and the rest is
 * refused so that WeChat retries it.
 */
class WxMessageRouterAsyncCapacityTest {

    private static final int CONCURRENCY = 200;
    private static final int QUEUE = 1000;

    private final WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    @AfterEach
    void shutDown() {
        release.countDown();
        router.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void twoHundredBlockedHandlersRunAtOnceAThousandWaitAndTheNextIsRefused() throws Exception {
        CountDownLatch allRunning = new CountDownLatch(CONCURRENCY);
        CountDownLatch allSent = new CountDownLatch(CONCURRENCY + QUEUE);
        router.setAsyncReplySender((inbound, reply) -> allSent.countDown());
        router.rule().async().handler((message, context, service, sessions) -> {
            started.incrementAndGet();
            allRunning.countDown();
            awaitRelease();
            return WxXmlOutMessage.replyTo(message).text("done");
        }).end();

        for (int i = 0; i < CONCURRENCY; i++) {
            router.route(fromUser(i));
        }
        assertThat(allRunning.await(10, TimeUnit.SECONDS))
                .as("every one of %d blocked handlers got a thread without waiting for another", CONCURRENCY).isTrue();

        for (int i = CONCURRENCY; i < CONCURRENCY + QUEUE; i++) {
            router.route(fromUser(i));
        }
        WxXmlMessage overflow = fromUser(CONCURRENCY + QUEUE);
        assertThatThrownBy(() -> router.route(overflow)).isInstanceOf(WxMessageHandlingException.class)
                .hasMessageContaining("async queue is full").hasCauseInstanceOf(RejectedExecutionException.class);
        // While the first ones block nothing can free a thread, so the queued ones have not started.
        assertThat(started).hasValue(CONCURRENCY);

        release.countDown();
        assertThat(allSent.await(30, TimeUnit.SECONDS)).as("the queued handlers ran once threads were free").isTrue();
        assertThat(started).hasValue(CONCURRENCY + QUEUE);
    }

    /** Distinct senders and MsgIds, as from many users at once. */
    private static WxXmlMessage fromUser(int n) {
        return Messages.text(5_000_000L + n, "oUser" + n, "slow question");
    }

    private void awaitRelease() {
        try {
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
