package io.github.wxsession.boot.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorShareTest {

    private final ExecutorService shared = Executors.newFixedThreadPool(1);

    @AfterEach
    void stop() {
        shared.shutdownNow();
    }

    @Test
    void shuttingAShareDownWaitsForItsOwnTasksAndLeavesTheSharedExecutorRunning() throws Exception {
        ExecutorShare removed = new ExecutorShare(shared);
        ExecutorShare other = new ExecutorShare(shared);
        CountDownLatch release = new CountDownLatch(1);
        removed.execute(() -> await(release));

        removed.shutdown();
        assertThat(removed.awaitTermination(50, TimeUnit.MILLISECONDS)).as("its task still runs").isFalse();
        assertThatThrownBy(() -> removed.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        assertThat(removed.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(removed.isTerminated()).isTrue();

        CountDownLatch ran = new CountDownLatch(1);
        other.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(shared.isShutdown()).isFalse();
    }

    @Test
    void shutdownNowInterruptsTheRunningTaskAndHandsBackTheQueuedOnesWhichNeverRun() throws Exception {
        ExecutorShare share = new ExecutorShare(shared);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        share.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        Runnable queued = () -> queuedRan.set(true);
        share.execute(queued);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        List<Runnable> neverRun = share.shutdownNow();

        assertThat(neverRun).containsExactly(queued);
        assertThat(share.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        CountDownLatch after = new CountDownLatch(1);
        shared.execute(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queuedRan).as("dropped, not run later on the shared thread").isFalse();
    }

    @Test
    void aTaskTheSharedExecutorRefusesIsNotCountedAsPending() {
        ExecutorService full = Executors.newSingleThreadExecutor();
        full.shutdown();
        ExecutorShare share = new ExecutorShare(full);

        assertThatThrownBy(() -> share.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        share.shutdown();
        assertThat(share.isTerminated()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
