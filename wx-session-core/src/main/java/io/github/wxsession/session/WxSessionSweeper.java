package io.github.wxsession.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a store's expiry sweep on one daemon thread at a fixed interval. Started and stopped
 * explicitly (Spring does it with the application context), so no thread outlives its store.
 */
public final class WxSessionSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WxSessionSweeper.class.getName());

    private final String threadName;
    private final Duration interval;
    private final Runnable sweep;
    private ScheduledExecutorService executor;

    /**
     * @param threadName the sweeper thread's name, shown in thread dumps
     * @param interval time between two sweeps; must be positive
     * @param sweep the work; an exception it throws is logged and the next sweep still runs
     */
    public WxSessionSweeper(String threadName, Duration interval, Runnable sweep) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Sweep interval must be positive, but was " + interval);
        }
        this.threadName = threadName;
        this.interval = interval;
        this.sweep = sweep;
    }

    /** Starts sweeping; does nothing if already started. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::sweepSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping and waits briefly for a sweep in progress; does nothing if not started. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Session sweeper " + threadName + " did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public void close() {
        stop();
    }

    private void sweepSafely() {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep sweeping.
            LOG.log(Level.WARNING, "Session sweep failed; retrying at the next interval", e);
        }
    }
}
