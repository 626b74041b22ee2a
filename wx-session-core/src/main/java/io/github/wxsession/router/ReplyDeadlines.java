package io.github.wxsession.router;

import io.github.wxsession.session.WxSharedTimers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reply deadline of one router's synchronous handlers. The handlers run on the caller's thread
 * (no hand-off on the fast path); each delivery registers a {@link Watch}, and the daemon thread
 * every router shares ({@link WxSharedTimers#deadlines()}) ticks over the registered ones and declares late those that pass the deadline: in
 * {@link WxLateReply#CUSTOMER_SERVICE} mode it answers their callback {@code success} at once
 * through the caller's {@link WxEarlyAnswer}. Whether a delivery finished on time or was declared
 * late is decided once, by a compare-and-set between the ticker and the handler's thread.
 *
 * <p>A late delivery stays registered until its reply is dealt with, so that {@link #awaitLate}
 * can hold shutdown for replies still to be sent.
 */
final class ReplyDeadlines {

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private volatile long timeoutNanos;
    private volatile ScheduledFuture<?> ticker;

    ReplyDeadlines(Duration timeout) {
        setTimeout(timeout);
    }

    void setTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Starts the deadline of a delivery of {@code key}, which begins in {@code mode}. */
    Watch watch(String key, WxEarlyAnswer early, WxLateReply mode) {
        Watch watch = new Watch(key, early, mode, System.nanoTime() + timeoutNanos);
        watches.add(watch);
        startTicking();
        return watch;
    }

    private void startTicking() {
        if (ticker != null) {
            return;
        }
        synchronized (this) {
            if (ticker == null) {
                long tick = Math.max(1, Math.min(MAX_TICK_NANOS, timeoutNanos / 10));
                ticker = WxSharedTimers.deadlines().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            if (now - watch.deadline >= 0) {
                watch.expire();
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the late deliveries to deal with their replies, then stops
     * the ticker.
     *
     * @return the keys of the messages whose late reply was still pending
     */
    List<String> awaitLate(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            try {
                for (long left = end - System.nanoTime(); hasLate() && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        return watches.stream().filter(Watch::isLate).map(watch -> watch.key).toList();
    }

    private boolean hasLate() {
        return watches.stream().anyMatch(Watch::isLate);
    }

    private void removed(Watch watch) {
        watches.remove(watch);
        if (watch.isLate()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** The deadline of one delivery's synchronous handlers. */
    final class Watch {
        private static final int RUNNING = 0;
        private static final int ON_TIME = 1;
        private static final int LATE = 2;

        final String key;
        private final WxEarlyAnswer early;
        private final long deadline;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile WxLateReply mode;
        private volatile WxLateReply lateMode;

        private Watch(String key, WxEarlyAnswer early, WxLateReply mode, long deadline) {
            this.key = key;
            this.early = early;
            this.mode = mode;
            this.deadline = deadline;
        }

        /** The mode of the handler that runs now: the one running at the deadline decides. */
        void mode(WxLateReply mode) {
            this.mode = mode;
        }

        boolean isLate() {
            return state.get() == LATE;
        }

        /** On the ticker: the deadline passed while the handlers ran. */
        private void expire() {
            WxLateReply decided = mode;
            lateMode = decided;
            if (!state.compareAndSet(RUNNING, LATE)) {
                return;
            }
            if (decided == WxLateReply.CUSTOMER_SERVICE) {
                try {
                    early.success();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, () -> "message " + key + ": could not answer its callback early; WeChat"
                            + " will retry it, and the retry waits for the running handler: " + e);
                }
            }
        }

        /**
         * The handlers returned or threw: {@code null} if they did so before the deadline (the
         * watch is over), else the mode decided at the deadline; call {@link #done()} once the
         * late reply is dealt with.
         */
        WxLateReply finish() {
            if (state.compareAndSet(RUNNING, ON_TIME)) {
                removed(this);
                return null;
            }
            return lateMode;
        }

        /** The late reply was dealt with (sent, parked, cached or lost). */
        void done() {
            removed(this);
        }
    }
}
