package io.github.wxsession.router;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where async rules run: bounded concurrency with a bounded queue beyond it, rejecting work when
 * the queue is full (so the message fails visibly and WeChat retries) instead of dropping it or
 * running it on the callback thread. The default lets {@value #DEFAULT_CONCURRENCY} rules run at
 * once, because async rules mostly wait on I/O (the handler's own calls, then the
 * customer-service API): a pool sized to the cores would queue 200 one-second handlers for
 * 200 / cores seconds. Its threads are started as work arrives and end after a minute idle, so
 * the limit costs nothing while unused; the pool is created on the first async message, so
 * routers without async rules start no threads at all.
 */
final class AsyncRuleExecutor {

    static final int DEFAULT_CONCURRENCY = 200;
    static final int DEFAULT_QUEUE_CAPACITY = 1000;

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());

    private ExecutorService executor;
    private boolean shutDown;

    /**
     * Up to {@code threads} daemon threads, each started for a task while fewer are running and
     * ended after 60 s without work, and a queue of {@code queueCapacity}; rejects beyond.
     */
    static ThreadPoolExecutor bounded(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "wx-router-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
        // Core = max, so every task below the limit gets a thread at once (a larger max with a
        // queue would only grow once the queue is full); the time-out shrinks it back when idle.
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    synchronized void setExecutor(ExecutorService replacement) {
        if (executor != null || shutDown) {
            throw new IllegalStateException("set the async executor before the first async message is routed");
        }
        executor = replacement;
    }

    /** @throws RejectedExecutionException if the queue is full or the router was shut down */
    void execute(Runnable task) {
        current().execute(task);
    }

    private synchronized ExecutorService current() {
        if (shutDown) {
            throw new RejectedExecutionException("the router was shut down");
        }
        if (executor == null) {
            executor = bounded(DEFAULT_CONCURRENCY, DEFAULT_QUEUE_CAPACITY);
        }
        return executor;
    }

    /** Stops accepting work and waits for queued work to finish; what is left at the timeout is interrupted. */
    boolean shutdown(Duration timeout) {
        ExecutorService draining;
        synchronized (this) {
            shutDown = true;
            draining = executor;
        }
        if (draining == null) {
            return true;
        }
        draining.shutdown();
        try {
            if (draining.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> dropped = draining.shutdownNow();
        LOG.log(System.Logger.Level.WARNING,
                "async rules did not finish within {0}: running ones were interrupted, {1} queued message(s) dropped", timeout, dropped.size());
        return false;
    }
}
