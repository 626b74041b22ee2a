package io.github.wxsession.redis.session;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leases of one store's running deliveries alive: a tick every sixth of the lease
 * renews, one script each, the deliveries that have run for a third of it since their last
 * renewal, so only a dead or frozen process loses its lease. A delivery that ends sooner costs an
 * entry added to and removed from a concurrent set, and wakes no thread: most messages take a few
 * milliseconds against a lease of seconds.
 */
final class LeaseRenewals {

    private static final System.Logger LOG = System.getLogger(LeaseRenewals.class.getName());

    private final SessionCommands redis;
    private final long periodNanos;
    private final long tickMillis;
    private final String name;
    /** The application's scheduler, or {@code null} to use one of our own. */
    private final ScheduledExecutorService given;
    private final Set<Renewal> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService own;
    private volatile ScheduledFuture<?> ticking;

    LeaseRenewals(SessionCommands redis, long leaseMillis, String name, ScheduledExecutorService given) {
        this.redis = redis;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, leaseMillis / 3));
        this.tickMillis = Math.max(1, leaseMillis / 6);
        this.name = name;
        this.given = given;
    }

    /** Starts renewing what {@code owner} took for a delivery of {@code messageKey}. */
    Renewal start(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, String messageKey) {
        if (ticking == null) {
            startTicking();
        }
        Renewal renewal = new Renewal(sessionId, owner, locked, dedupKey, messageKey);
        running.add(renewal);
        return renewal;
    }

    private synchronized void startTicking() {
        if (ticking != null) {
            return;
        }
        ScheduledExecutorService scheduler = given;
        if (scheduler == null) {
            ScheduledThreadPoolExecutor ownScheduler = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
            own = ownScheduler;
            scheduler = ownScheduler;
        }
        ticking = scheduler.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * One round trip per due delivery, one after the other: keep {@code spring.data.redis.timeout}
     * well under a sixth of the lease, or one slow answer delays the others' renewals. Nothing may
     * escape, since an exception would cancel the ticking for good.
     */
    private void tick() {
        long now = System.nanoTime();
        for (Renewal renewal : running) {
            if (now - renewal.renewedAt >= periodNanos) {
                try {
                    renewal.renew(now);
                } catch (Throwable e) {
                    LOG.log(Level.ERROR, "renewing the lease on message " + renewal.messageKey + " failed", e);
                }
            }
        }
    }

    /** Stops ticking and our own scheduler; ticking starts again if a delivery starts later. */
    synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        if (own != null) {
            own.shutdownNow();
            own = null;
        }
    }

    /** The renewal of one delivery's lease, until {@link #stop()}. */
    final class Renewal {
        private final String sessionId;
        private final byte[] owner;
        private final boolean locked;
        private final byte[] dedupKey;
        private final String messageKey;
        private final long startedAt = System.nanoTime();
        /** Read and written by the ticking thread only, after the start. */
        private long renewedAt = startedAt;
        private volatile boolean stopped;
        private volatile boolean lost;

        private Renewal(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, String messageKey) {
            this.sessionId = sessionId;
            this.owner = owner;
            this.locked = locked;
            this.dedupKey = dedupKey;
            this.messageKey = messageKey;
        }

        private void renew(long now) {
            try {
                if (redis.renew(sessionId, owner, locked, dedupKey)) {
                    renewedAt = now;
                } else if (!stopped) {
                    lost = true;
                    stop();
                    LOG.log(Level.WARNING, () -> "the lease on message " + messageKey + " ran out before its handler"
                            + " finished (a pause longer than the lease?); another delivery may take the message,"
                            + " and this one's changes will be discarded");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "could not renew the lease on message " + messageKey + "; trying again"
                        + " on the next tick: " + e);
            }
        }

        /**
         * Whether the lease is surely still held: within its first third, before any renewal was
         * due, and not found lost. Only then may a delivery reply before its last script is answered.
         */
        boolean surelyHeld() {
            return !lost && System.nanoTime() - startedAt < periodNanos;
        }

        /** Renews no more; the delivery is ending. */
        void stop() {
            stopped = true;
            running.remove(this);
        }
    }
}
