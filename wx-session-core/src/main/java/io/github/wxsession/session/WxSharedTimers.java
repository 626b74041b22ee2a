package io.github.wxsession.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The timer threads every store and router of a JVM share: one daemon thread sweeps every session
 * store, another watches every router's reply deadlines, however many accounts there are (a
 * thread per store and router was two threads per account, 2,000 for a thousand accounts). They
 * are apart so that a long sweep never delays a deadline. Tasks are cancelled, never the
 * threads; a cancelled task leaves the queue at once. Internal to wx-session.
 */
public final class WxSharedTimers {

    private WxSharedTimers() {
    }

    private static final class Sweeps {
        static final ScheduledExecutorService EXECUTOR = daemon("wx-session-sweeper");
    }

    private static final class Deadlines {
        static final ScheduledExecutorService EXECUTOR = daemon("wx-reply-deadline");
    }

    /** Runs the session stores' expiry sweeps. */
    public static ScheduledExecutorService sweeps() {
        return Sweeps.EXECUTOR;
    }

    /** Ticks the routers' reply deadlines. */
    public static ScheduledExecutorService deadlines() {
        return Deadlines.EXECUTOR;
    }

    private static ScheduledExecutorService daemon(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
