package io.github.wxsession.boot.routing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.system.JavaVersion;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Makes the executor all accounts' async handlers share: at most {@code concurrency} handlers at
 * once, {@code queueCapacity} waiting, and {@link RejectedExecutionException} beyond (the router
 * then fails the message, the callback answers 500 and WeChat retries it; nothing is dropped or
 * run on the callback thread). Async handlers mostly wait, on their own calls and then on the
 * customer-service API, so the limit is about what the application and the APIs it calls can
 * take at once, not about cores.
 *
 * <ul>
 * <li><b>Virtual threads</b> (Java 21+ with {@code spring.threads.virtual.enabled}): a new virtual
 *     thread per handler, none kept idle, the limit counted like a semaphore.
 * <li><b>Platform threads</b> (otherwise): a pool that starts a thread per handler up to the
 *     limit and lets each go after 60 s without work, so an idle application holds none.
 * </ul>
 * Threads are daemons named {@code wx-async-<n>}.
 */
public final class WxAsyncExecutors {

    private static final long KEEP_ALIVE_SECONDS = 60;

    private final int concurrency;
    private final int queueCapacity;
    private final boolean virtualThreads;

    /**
     * @param concurrency {@code wx.router.async-concurrency}, at least 1
     * @param queueCapacity {@code wx.router.async-queue-capacity}, at least 0 (0: refuse beyond the limit)
     * @param virtualThreads whether to run each handler on a virtual thread; only on Java 21+
     */
    public WxAsyncExecutors(int concurrency, int queueCapacity, boolean virtualThreads) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("wx.router.async-concurrency must be at least 1, not " + concurrency);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException(
                    "wx.router.async-queue-capacity must be at least 0 (0: no queue), not " + queueCapacity);
        }
        this.concurrency = concurrency;
        this.queueCapacity = queueCapacity;
        this.virtualThreads = virtualThreads;
    }

    /**
     * Whether Spring Boot runs this application on virtual threads: {@code spring.threads.virtual.enabled}
     * and Java 21 or later. That is Spring Boot's {@code Threading.VIRTUAL.isActive(environment)},
     * spelled out because the enum moved between the lines this starter compiles against
     * ({@code org.springframework.boot.autoconfigure.thread} in 3.x, {@code org.springframework.boot.thread}
     * in 4.x); both versions test exactly this.
     */
    public static boolean virtualThreadsActive(Environment environment) {
        return environment.getProperty("spring.threads.virtual.enabled", boolean.class, false)
                && JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE);
    }

    /** A new executor for the async handlers of every account; {@link WxMessageRouters} shuts it down. */
    public ExecutorService create() {
        String prefix = "wx-async-";
        if (virtualThreads) {
            // Spring's factory reaches Thread.ofVirtual() from a Java 21 class of spring-core, so
            // this module still compiles for Java 17; on 17 it throws, hence virtualThreadsActive.
            return new ThreadPerTaskBoundedExecutor(new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory(),
                    concurrency, queueCapacity);
        }
        return platformPool(prefix);
    }

    public boolean virtualThreads() {
        return virtualThreads;
    }

    private ThreadPoolExecutor platformPool(String prefix) {
        AtomicInteger count = new AtomicInteger();
        // Core = max: every handler below the limit gets a thread at once (a pool whose max exceeds
        // its core only grows when the queue is full); the time-out shrinks it again when idle.
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS, queue, task -> {
                    Thread thread = new Thread(task, prefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
