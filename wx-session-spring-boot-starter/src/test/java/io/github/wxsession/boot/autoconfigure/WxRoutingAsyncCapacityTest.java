package io.github.wxsession.boot.autoconfigure;

import static io.github.wxsession.boot.autoconfigure.WxRoutingAutoConfigurationTest.router;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxMessageHandlingException;
import io.github.wxsession.router.WxMessageRouter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * How many async handlers run at once: {@code wx.router.async-concurrency} (200 by default), its
 * deprecated alias {@code async-threads}, the queue beyond it, and the kind of thread a handler
 * runs on. Handlers block on a latch, so "N run at once" is what the test observes, not a timing.
 */
class WxRoutingAsyncCapacityTest {

    private static final AtomicLong MSG_IDS = new AtomicLong(7_000_000);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WxRoutingAutoConfigurationTest.STARTER)
            .withPropertyValues(WxRoutingAutoConfigurationTest.ACCOUNT)
            .withUserConfiguration(BlockingHandlers.class);

    @Test
    void twoHundredHandlersRunAtOnceByDefault() {
        runner.withPropertyValues("wx.router.async-queue-capacity=0")
                .run(context -> assertRunAtOnceThenRefused(context, 200));
    }

    @Test
    void asyncConcurrencySetsHowManyRunAtOnceAndTheQueueHoldsTheNext() {
        runner.withPropertyValues("wx.router.async-concurrency=3", "wx.router.async-queue-capacity=1").run(context -> {
            BlockingHandlers handlers = context.getBean(BlockingHandlers.class);
            try {
                WxMessageRouter router = router(context);
                for (int i = 0; i < 4; i++) {
                    router.route(fromNewUser("block"));
                }
                assertThat(handlers.started.tryAcquire(3, 10, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> router.route(fromNewUser("block")))
                        .as("3 running and 1 waiting: the next is refused").isInstanceOf(WxMessageHandlingException.class)
                        .hasCauseInstanceOf(RejectedExecutionException.class);
                assertThat(handlers.running).as("the fourth waits for a turn").hasValue(3);

                handlers.release.countDown();
                assertThat(handlers.started.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the queued one ran").isTrue();
            } finally {
                handlers.release.countDown();
            }
        });
    }

    @Test
    void theDeprecatedAsyncThreadsStillSetsTheLimit() {
        runner.withPropertyValues("wx.router.async-threads=2", "wx.router.async-queue-capacity=0")
                .run(context -> assertRunAtOnceThenRefused(context, 2));
    }

    @Test
    void asyncConcurrencyWinsOverTheDeprecatedName() {
        runner.withPropertyValues("wx.router.async-threads=2", "wx.router.async-concurrency=5",
                "wx.router.async-queue-capacity=0").run(context -> assertRunAtOnceThenRefused(context, 5));
    }

    @Test
    void theMetadataTellsIdesThatAsyncThreadsIsReplacedByAsyncConcurrency() throws IOException {
        Map<String, Object> threads = metadataOf("wx.router.async-threads");
        assertThat(threads).containsEntry("deprecated", true);
        assertThat(threads.get("deprecation")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("replacement", "wx.router.async-concurrency");
        // The parser may read the number as an Integer or a Long.
        assertThat(metadataOf("wx.router.async-concurrency").get("defaultValue"))
                .asInstanceOf(InstanceOfAssertFactories.type(Number.class)).extracting(Number::intValue).isEqualTo(200);
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "on Java 21+ the property does give virtual threads")
    void onJava17TheVirtualThreadsPropertyLeavesHandlersOnThePlatformPool() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            Thread worker = threadOfOneHandler(context);
            assertThat(isVirtual(worker)).isFalse();
            assertThat(worker.getName()).startsWith("wx-async-");
            assertThat(worker.isDaemon()).isTrue();
        });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21; run on a JDK 21+ to check")
    void onJava21EachHandlerRunsOnItsOwnVirtualThreadThatEndsWithIt() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            Thread worker = threadOfOneHandler(context);
            assertThat(isVirtual(worker)).isTrue();
            assertThat(worker.getName()).startsWith("wx-async-");
            // Still inside the context: no idle virtual thread is kept for the next handler.
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(worker.isAlive()).isFalse();
        });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21; run on a JDK 21+ to check")
    void onVirtualThreadsTheSameLimitAndQueueHold() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true", "wx.router.async-queue-capacity=0")
                .run(context -> assertRunAtOnceThenRefused(context, 200));
    }

    @Test
    void withoutTheVirtualThreadsPropertyHandlersRunOnNamedPlatformDaemons() {
        runner.run(context -> {
            Thread worker = threadOfOneHandler(context);
            assertThat(isVirtual(worker)).isFalse();
            assertThat(worker.getName()).startsWith("wx-async-");
            assertThat(worker.isDaemon()).isTrue();
        });
    }

    /** {@code limit} blocked handlers all start; with no queue, one more message is refused. */
    private static void assertRunAtOnceThenRefused(AssertableApplicationContext context, int limit)
            throws InterruptedException {
        assertThat(context).hasNotFailed();
        BlockingHandlers handlers = context.getBean(BlockingHandlers.class);
        try {
            WxMessageRouter router = router(context);
            for (int i = 0; i < limit; i++) {
                router.route(fromNewUser("block"));
            }
            assertThat(handlers.started.tryAcquire(limit, 10, TimeUnit.SECONDS))
                    .as("all %d blocked handlers run at once", limit).isTrue();

            assertThatThrownBy(() -> router.route(fromNewUser("block")))
                    .isInstanceOf(WxMessageHandlingException.class).hasMessageContaining("async queue is full")
                    .hasCauseInstanceOf(RejectedExecutionException.class);
            assertThat(handlers.running).hasValue(limit);
        } finally {
            handlers.release.countDown();
        }
    }

    private static Thread threadOfOneHandler(AssertableApplicationContext context) throws InterruptedException {
        assertThat(context).hasNotFailed();
        router(context).route(fromNewUser("which thread"));
        Thread worker = context.getBean(BlockingHandlers.class).threads.poll(10, TimeUnit.SECONDS);
        assertThat(worker).isNotNull();
        return worker;
    }

    /** Thread.isVirtual() where the JDK has it (21+); every thread is a platform thread before. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException beforeJava21) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message from a sender of its own with a MsgId of its own, as from many users at once. */
    private static WxXmlMessage fromNewUser(String content) {
        long id = MSG_IDS.incrementAndGet();
        return WxXmlMessage.fromXml("<xml><ToUserName>gh</ToUserName><FromUserName>oUser" + id + "</FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>" + content + "</Content><MsgId>" + id
                + "</MsgId></xml>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(String property) throws IOException {
        String json;
        try (InputStream in = WxRoutingAsyncCapacityTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata generated by the configuration processor").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Object> properties = (List<Object>) JsonParserFactory.getJsonParser().parseMap(json).get("properties");
        return properties.stream().map(p -> (Map<String, Object>) p)
                .filter(p -> property.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(property + " is not in the metadata"));
    }

    /** Registered as a bean by withUserConfiguration; the test reaches its latches through the context. */
    static class BlockingHandlers {

        final Semaphore started = new Semaphore(0);
        final AtomicInteger running = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();

        @WxHandler(content = "block", async = true)
        void block() throws InterruptedException {
            running.incrementAndGet();
            started.release();
            try {
                release.await(30, TimeUnit.SECONDS);
            } finally {
                running.decrementAndGet();
            }
        }

        @WxHandler(content = "which thread", async = true)
        void whichThread() {
            threads.add(Thread.currentThread());
        }
    }
}
