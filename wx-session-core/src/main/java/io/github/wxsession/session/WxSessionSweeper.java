package io.github.wxsession.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a store's expiry sweep at a fixed interval on the thread all stores share
 * ({@link WxSharedTimers#sweeps()}). Started and stopped explicitly (Spring does it with the
 * application context); stopping waits for a sweep in progress, so none outlives its store.
 */
public final class WxSessionSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WxSessionSweeper.class.getName());

    private final String threadName;
    private final Duration interval;
    private final Runnable sweep;
    private final ReentrantLock sweeping = new ReentrantLock();
    private ScheduledFuture<?> schedule;
    /** Whether a sweep that has begun may still run: not once {@link #stop()} has returned. */
    private volatile boolean active;

    /**
     * @param threadName names the store in the sweeper's log
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
        if (schedule != null) {
            return;
        }
        long millis = interval.toMillis();
        active = true;
        schedule = WxSharedTimers.sweeps().scheduleWithFixedDelay(this::sweepSafely, millis, millis,
                TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping and waits briefly for a sweep in progress; does nothing if not started. */
    public synchronized void stop() {
        if (schedule == null) {
            return;
        }
        active = false;
        schedule.cancel(false);
        schedule = null;
        try {
            if (sweeping.tryLock(5, TimeUnit.SECONDS)) {
                sweeping.unlock();
            } else {
                LOG.log(Level.WARNING, "Session sweep of " + threadName + " did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return schedule != null;
    }

    @Override
    public void close() {
        stop();
    }

    private void sweepSafely() {
        sweeping.lock();
        try {
            if (active) {
                sweep.run();
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep sweeping.
            LOG.log(Level.WARNING, "Session sweep failed; retrying at the next interval", e);
        } finally {
            sweeping.unlock();
        }
    }
}
