package io.github.wxsession.redis.session;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What units of work took (a sender's lock, a message's in-progress record) and could not give
 * back because Redis was unavailable when they ended: given back as soon as Redis answers again,
 * tried every {@value #RETRY_MILLIS} ms until the lease would have freed it anyway. Left to the
 * lease, WeChat's retries of such a message and the sender's next messages were refused (in
 * progress, sender busy) for most of the lease after Redis came back: 6.7 to 9.3 s after a
 * cluster's promotion, with the default lease of 10 s.
 * <p>
 * A give-back is fenced like every end: it removes only what still holds this owner's token, so
 * an end that did reach Redis (only its answer was lost) stays as it was.
 */
final class PendingGiveBacks {

    private static final System.Logger LOG = System.getLogger(PendingGiveBacks.class.getName());
    static final long RETRY_MILLIS = 250;

    private final SessionCommands redis;
    private final Clock clock;
    private final long leaseNanos;
    private final String name;
    private final Set<GiveBack> pending = ConcurrentHashMap.newKeySet();
    /** Guarded by this object. */
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> retrying;

    PendingGiveBacks(SessionCommands redis, Clock clock, long leaseMillis, String name) {
        this.redis = redis;
        this.clock = clock;
        this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        this.name = name;
    }

    /**
     * Gives back what {@code owner} holds on {@code sessionId} (and {@code dedupKey}) once Redis
     * answers, settling the message's record as {@code finalRecord} (its reply was sent), or deleting
     * it if {@code null} (it was not: WeChat's retry handles the message again).
     */
    void add(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl) {
        if (owner == null) {
            return;
        }
        pending.add(new GiveBack(sessionId, owner, locked, dedupKey, finalRecord, dedupTtl,
                System.nanoTime() + leaseNanos));
        synchronized (this) {
            if (retrying == null) {
                if (scheduler == null) {
                    scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread thread = new Thread(task, name);
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                retrying = scheduler.scheduleWithFixedDelay(this::retry, RETRY_MILLIS, RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** How many give-backs wait for Redis. */
    int size() {
        return pending.size();
    }

    /** Nothing may escape: an exception would cancel the retries for good. */
    private void retry() {
        for (GiveBack giveBack : pending) {
            if (System.nanoTime() - giveBack.until > 0) {
                pending.remove(giveBack); // the lease has freed it
                continue;
            }
            try {
                redis.end(giveBack.sessionId, clock.millis(), giveBack.owner, giveBack.locked, -1, null,
                        giveBack.dedupKey, giveBack.finalRecord, giveBack.dedupTtl);
                pending.remove(giveBack);
                LOG.log(Level.INFO, () -> "gave back the lock of session " + giveBack.sessionId
                        + " that a unit of work could not release while Redis was unavailable");
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "Redis still unavailable for the give-back of session "
                        + giveBack.sessionId + ": " + e);
                return; // the others would fail the same way; next round
            }
        }
        synchronized (this) {
            if (pending.isEmpty() && retrying != null) {
                retrying.cancel(false);
                retrying = null;
            }
        }
    }

    /** Stops retrying; what is left frees itself with its lease. */
    synchronized void stop() {
        if (retrying != null) {
            retrying.cancel(false);
            retrying = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        pending.clear();
    }

    private record GiveBack(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, byte[] finalRecord,
            byte[] dedupTtl, long until) {
    }
}
