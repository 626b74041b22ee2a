package io.github.wxsession.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leases of one store's running deliveries alive: every third of the lease, one script
 * per delivery still running extends its lock and in-progress record, so only a dead or frozen
 * process loses them. A delivery that ends within the first third costs nothing here but a timer
 * entry, added and removed in memory.
 */
final class LeaseRenewals {

    private static final System.Logger LOG = System.getLogger(LeaseRenewals.class.getName());

    private final SessionCommands redis;
    private final long periodMillis;
    private final String name;
    /** The application's scheduler, or {@code null} to use one of our own. */
    private final ScheduledExecutorService given;
    private ScheduledExecutorService own;

    LeaseRenewals(SessionCommands redis, long leaseMillis, String name, ScheduledExecutorService given) {
        this.redis = redis;
        this.periodMillis = Math.max(1, leaseMillis / 3);
        this.name = name;
        this.given = given;
    }

    /** Starts renewing what {@code owner} took for a delivery of {@code messageKey}. */
    Renewal start(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, String messageKey) {
        Renewal renewal = new Renewal(sessionId, owner, locked, dedupKey, messageKey);
        renewal.future = scheduler().scheduleAtFixedRate(renewal, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return renewal;
    }

    private ScheduledExecutorService scheduler() {
        if (given != null) {
            return given;
        }
        synchronized (this) {
            if (own == null) {
                ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                });
                scheduler.setRemoveOnCancelPolicy(true);
                own = scheduler;
            }
            return own;
        }
    }

    /** Stops our own scheduler; one is made again if a delivery starts later. */
    synchronized void stop() {
        if (own != null) {
            own.shutdownNow();
            own = null;
        }
    }

    /** The renewal of one delivery's lease, until {@link #stop()}. */
    final class Renewal implements Runnable {
        private final String sessionId;
        private final byte[] owner;
        private final boolean locked;
        private final byte[] dedupKey;
        private final String messageKey;
        private final long startNanos = System.nanoTime();
        private volatile ScheduledFuture<?> future;
        private volatile boolean stopped;
        private volatile boolean lost;

        private Renewal(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, String messageKey) {
            this.sessionId = sessionId;
            this.owner = owner;
            this.locked = locked;
            this.dedupKey = dedupKey;
            this.messageKey = messageKey;
        }

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            try {
                if (!redis.renew(sessionId, owner, locked, dedupKey) && !stopped) {
                    lost = true;
                    stop();
                    LOG.log(Level.WARNING, () -> "the lease on message " + messageKey + " ran out before its handler"
                            + " finished (a pause longer than the lease?); another delivery may take the message,"
                            + " and this one's changes will be discarded");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "could not renew the lease on message " + messageKey + "; trying again in "
                        + periodMillis + " ms: " + e);
            }
        }

        /**
         * Whether the lease is surely still held: within its first third, before any renewal was
         * due, and not found lost. Only then may a delivery reply before its last script is answered.
         */
        boolean surelyHeld() {
            return !lost && System.nanoTime() - startNanos < TimeUnit.MILLISECONDS.toNanos(periodMillis);
        }

        /** Renews no more; the delivery is ending. */
        void stop() {
            stopped = true;
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
