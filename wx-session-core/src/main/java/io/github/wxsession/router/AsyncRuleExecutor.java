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
 * Where async rules run: a bounded pool that rejects work when its queue is full (so the
 * message fails visibly and WeChat retries) instead of dropping it or running it on the
 * callback thread. The default pool is created on the first async message, so routers without
 * async rules start no threads.
 */
final class AsyncRuleExecutor {

    static final int DEFAULT_QUEUE_CAPACITY = 1024;

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());

    private ExecutorService executor;
    private boolean shutDown;

    /** A pool of {@code threads} daemon threads and a queue of {@code queueCapacity}, rejecting beyond. */
    static ThreadPoolExecutor bounded(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "wx-router-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
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
            executor = bounded(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE_CAPACITY);
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
