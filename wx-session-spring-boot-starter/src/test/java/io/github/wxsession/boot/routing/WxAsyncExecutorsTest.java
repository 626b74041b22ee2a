package io.github.wxsession.boot.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.mock.env.MockEnvironment;

/** The two shapes of the async executor: a growing and shrinking platform pool, or virtual threads. */
class WxAsyncExecutorsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (executor != null) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void onPlatformThreadsThePoolGrowsToTheLimitAndLetsIdleThreadsGo() {
        executor = new WxAsyncExecutors(200, 1000, false).create();

        assertThat(executor).isInstanceOfSatisfying(ThreadPoolExecutor.class, pool -> {
            // Core = max: the pool starts a thread per task below the limit, never queues while under it.
            assertThat(pool.getCorePoolSize()).isEqualTo(200);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(200);
            assertThat(pool.allowsCoreThreadTimeOut()).as("idle threads end").isTrue();
            assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
            assertThat(pool.getQueue().remainingCapacity()).isEqualTo(1000);
            assertThat(pool.getRejectedExecutionHandler()).isInstanceOf(ThreadPoolExecutor.AbortPolicy.class);
            assertThat(pool.getPoolSize()).as("no thread before the first task").isZero();
        });
    }

    @Test
    void platformThreadsAreDaemonsNamedAfterTheAccount() throws InterruptedException {
        executor = new WxAsyncExecutors(2, 0, false).create();
        BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();

        executor.execute(() -> ranOn.add(Thread.currentThread()));

        Thread thread = ranOn.poll(10, TimeUnit.SECONDS);
        assertThat(thread).isNotNull();
        assertThat(thread.getName()).isEqualTo("wx-async-1");
        assertThat(thread.isDaemon()).as("an async handler must not keep the JVM alive").isTrue();
    }

    @Test
    void withoutAQueueWorkBeyondTheLimitIsRefused() throws InterruptedException {
        executor = new WxAsyncExecutors(2, 0, false).create();
        CountDownLatch running = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                running.countDown();
                awaitRelease();
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> executor.execute(this::awaitRelease)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void limitsThatCannotWorkFailNamingTheProperty() {
        assertThatThrownBy(() -> new WxAsyncExecutors(0, 10, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wx.router.async-concurrency must be at least 1, not 0");
        assertThatThrownBy(() -> new WxAsyncExecutors(1, -1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wx.router.async-queue-capacity must be at least 0");
    }

    @Test
    void virtualThreadsAreActiveOnlyWithThePropertyOnJava21OrLater() {
        boolean java21 = Runtime.version().feature() >= 21;

        assertThat(WxAsyncExecutors.virtualThreadsActive(new MockEnvironment())).isFalse();
        assertThat(WxAsyncExecutors.virtualThreadsActive(virtualThreads("false"))).isFalse();
        assertThat(WxAsyncExecutors.virtualThreadsActive(virtualThreads("true"))).isEqualTo(java21);
    }

    // setProperty, not withProperty: the latter's return type differs between Spring 6 and 7.
    private static MockEnvironment virtualThreads(String enabled) {
        MockEnvironment environment = new MockEnvironment();
        environment.setProperty("spring.threads.virtual.enabled", enabled);
        return environment;
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21; run on a JDK 21+ to check")
    void onVirtualThreadsEachTaskStartsAVirtualThreadUnderTheSameBound() throws Exception {
        executor = new WxAsyncExecutors(2, 1, true).create();
        BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
        CountDownLatch running = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                ranOn.add(Thread.currentThread());
                running.countDown();
                awaitRelease();
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        executor.execute(this::awaitRelease);

        assertThatThrownBy(() -> executor.execute(this::awaitRelease)).isInstanceOf(RejectedExecutionException.class);
        Thread thread = ranOn.poll();
        assertThat((boolean) Thread.class.getMethod("isVirtual").invoke(thread)).isTrue();
        assertThat(thread.getName()).startsWith("wx-async-");
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
