package io.github.wxsession.boot.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor that runs async handlers on virtual threads, exercised with platform threads so
 * its bound, queue and shutdown are pinned on Java 17 too: the factory is all that differs.
 */
class ThreadPerTaskBoundedExecutorTest {

    private final BlockingQueue<Thread> made = new LinkedBlockingQueue<>();
    private final ThreadFactory threads = task -> {
        Thread thread = new Thread(task, "test-task-" + made.size());
        made.add(thread);
        return thread;
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore started = new Semaphore(0);
    private final AtomicInteger finished = new AtomicInteger();
    private ThreadPerTaskBoundedExecutor executor;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (executor != null) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void runsUpToTheLimitAtOnceQueuesTheNextAndRefusesBeyond() throws Exception {
        executor = new ThreadPerTaskBoundedExecutor(threads, 3, 2);
        for (int i = 0; i < 5; i++) {
            executor.execute(this::blockUntilReleased);
        }
        assertThat(started.tryAcquire(3, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.running()).isEqualTo(3);
        assertThat(executor.waiting()).isEqualTo(2);

        assertThatThrownBy(() -> executor.execute(this::blockUntilReleased))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("3 tasks are running and 2 waiting");

        release.countDown();
        assertThat(started.tryAcquire(2, 10, TimeUnit.SECONDS)).as("the waiting ones ran after").isTrue();
    }

    @Test
    void everyTaskGetsAThreadOfItsOwnThatEndsWithIt() throws Exception {
        executor = new ThreadPerTaskBoundedExecutor(threads, 1, 5);
        BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
        for (int i = 0; i < 3; i++) {
            executor.execute(() -> ranOn.add(Thread.currentThread()));
        }
        Thread first = ranOn.poll(10, TimeUnit.SECONDS);
        Thread second = ranOn.poll(10, TimeUnit.SECONDS);
        Thread third = ranOn.poll(10, TimeUnit.SECONDS);

        assertThat(List.of(first, second, third)).doesNotContainNull().doesNotHaveDuplicates();
        for (Thread thread : made) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("%s waits for no further work", thread.getName()).isFalse();
        }
        assertThat(executor.running()).isZero();
    }

    @Test
    void aFailingTaskIsReportedAndTheQueueMovesOn() throws Exception {
        BlockingQueue<Throwable> uncaught = new LinkedBlockingQueue<>();
        ThreadFactory reporting = task -> {
            Thread thread = threads.newThread(task);
            thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            return thread;
        };
        executor = new ThreadPerTaskBoundedExecutor(reporting, 1, 1);
        executor.execute(() -> {
            blockUntilReleased();
            throw new IllegalStateException("handler bug");
        });
        assertThat(started.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        executor.execute(this::blockUntilReleased);

        release.countDown();

        assertThat(uncaught.poll(10, TimeUnit.SECONDS)).hasMessage("handler bug");
        assertThat(started.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the waiting task still ran").isTrue();
    }

    @Test
    void shutdownRefusesNewTasksButFinishesRunningAndWaitingOnes() throws Exception {
        executor = new ThreadPerTaskBoundedExecutor(threads, 1, 2);
        for (int i = 0; i < 3; i++) {
            executor.execute(this::blockUntilReleased);
        }
        assertThat(started.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

        executor.shutdown();
        assertThatThrownBy(() -> executor.execute(this::blockUntilReleased))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
        assertThat(executor.awaitTermination(0, TimeUnit.SECONDS)).isFalse();
        assertThat(executor.isTerminated()).isFalse();

        release.countDown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).hasValue(3);
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndHandsBackTheWaitingOnes() throws Exception {
        executor = new ThreadPerTaskBoundedExecutor(threads, 2, 3);
        CountDownLatch interrupted = new CountDownLatch(2);
        Runnable waitForInterrupt = () -> {
            started.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        };
        executor.execute(waitForInterrupt);
        executor.execute(waitForInterrupt);
        executor.execute(this::blockUntilReleased);
        assertThat(started.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

        List<Runnable> neverRan = executor.shutdownNow();

        assertThat(neverRan).hasSize(1);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).as("the handed-back task did not run").hasValue(0);
    }

    @Test
    void aThreadThatCannotBeStartedRefusesTheTaskAndCountsNothing() {
        executor = new ThreadPerTaskBoundedExecutor(task -> {
            throw new OutOfMemoryError("unable to create native thread");
        }, 1, 1);

        assertThatThrownBy(() -> executor.execute(this::blockUntilReleased))
                .isInstanceOf(RejectedExecutionException.class).hasRootCauseInstanceOf(OutOfMemoryError.class);
        assertThat(executor.running()).isZero();
    }

    @Test
    void whenNoFreshThreadCanBeHadTheFinishingOneRunsTheNextTask() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        executor = new ThreadPerTaskBoundedExecutor(task -> {
            if (calls.incrementAndGet() > 1) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            return threads.newThread(task);
        }, 1, 1);
        BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
        executor.execute(() -> {
            blockUntilReleased();
            ranOn.add(Thread.currentThread());
        });
        assertThat(started.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        executor.execute(() -> ranOn.add(Thread.currentThread()));

        release.countDown();

        Thread first = ranOn.poll(10, TimeUnit.SECONDS);
        assertThat(ranOn.poll(10, TimeUnit.SECONDS)).as("the waiting task was not lost").isSameAs(first);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new ThreadPerTaskBoundedExecutor(threads, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ThreadPerTaskBoundedExecutor(threads, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
    }

    private void blockUntilReleased() {
        started.release();
        try {
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            finished.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
