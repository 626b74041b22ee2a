package io.github.wxsession.redis.session;

import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.router.WxParkedReplies;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxStoreUnavailableException;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;

/**
 * One unit of work on one session (a message, an HTTP request): the session was loaded once, and
 * until the scope ends its request-local copy is the session of the unit of work. A scope opened
 * by {@link RedisWxSessionStore#openScope} is bound to its thread: the store's
 * {@code getSession(id)} there returns the copy. A message's delivery
 * ({@link RedisWxMessageGate}) holds its scope itself and hands the copy to its handlers.
 * Attribute changes are recorded per attribute and written by {@link #close()} in one script,
 * together with the time to live, an existence check (a session invalidated or expired meanwhile
 * is not resurrected) and the lock's release. A unit of work that only reads costs one round trip
 * when unlocked.
 * <p>
 * Creating and invalidating the session take effect at once, as in direct mode. Listeners hear
 * attribute changes when they are made. After the scope ends, the copy goes on in direct mode.
 * A bound scope belongs to the thread that opened it: end it there, exactly once ({@code close} or
 * {@code discard}; later calls do nothing). Bound scopes nest: the inner one is bound until it ends.
 */
public final class RedisSessionScope implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisSessionScope.class.getName());

    private final RedisWxSessionStore store;
    private final RedisSessionRepository sessions;
    private final String sessionId;
    /** The lock's (and a claimed message's in-progress) value; {@code null} if the scope holds neither. */
    private final byte @Nullable [] owner;
    private final boolean locked;
    private final @Nullable RedisSessionScope previous;
    /** The thread the scope is bound to; {@code null} for a delivery's scope, which is bound to none. */
    private final @Nullable Thread thread;
    private @Nullable RedisWxSession session;
    private volatile boolean open = true;

    RedisSessionScope(RedisWxSessionStore store, String sessionId, byte @Nullable [] owner, boolean locked,
            @Nullable RedisWxSession session, @Nullable RedisSessionScope previous, boolean bound) {
        this.store = store;
        this.sessions = store.sessions();
        this.sessionId = sessionId;
        this.owner = owner;
        this.locked = locked;
        this.session = session;
        this.previous = previous;
        this.thread = bound ? Thread.currentThread() : null;
        if (session != null) {
            session.attach();
        }
    }

    /** The id of the session this unit of work is on. */
    public String getSessionId() {
        return sessionId;
    }

    /** Whether this scope holds the session's lock until it ends. */
    public boolean isLocked() {
        return locked;
    }

    /** Whether the scope has not ended yet. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Ends the unit of work: writes what changed, if anything, and releases the lock, in one
     * script; does nothing more when the scope is unlocked and nothing changed. If the session was
     * invalidated or expired meanwhile (by another instance), the changes are dropped and logged.
     *
     * @throws WxRedisUnavailableException if Redis cannot be reached; the changes are lost and the
     *         lock frees itself within its lease
     * @throws IllegalStateException if called on another thread than the one that opened the scope
     */
    @Override
    public void close() {
        end(null, null, null, false);
    }

    /**
     * Ends the unit of work after a failure: nothing is written, the lock is released. Never
     * throws for Redis being unreachable (the lock then frees itself within its lease), so it is
     * safe in a {@code catch} block.
     *
     * @throws IllegalStateException if called on another thread than the one that opened the scope
     */
    public void discard() {
        try {
            abandon(null);
        } catch (WxStoreUnavailableException | DataAccessException e) {
            // Unreachable (ours), or an error Redis answered (Spring's): either way the lease frees the lock.
            LOG.log(Level.WARNING, () -> "could not release the lock of session " + sessionId + "; it frees itself"
                    + " within its lease", e);
        }
    }

    boolean covers(String id) {
        return open && sessionId.equals(id);
    }

    /** The request-local copy; created (at once, in Redis) when absent and {@code create}. */
    WxSession session(boolean create) {
        if (session != null && session.isDestroyed()) {
            session = null;
        }
        if (session == null && create) {
            session = sessions.load(sessionId, true);
            session.attach();
        }
        return session;
    }

    /**
     * Ends with the changes saved; for a message, also settles its de-dup record to
     * {@code finalRecord} ({@code null}: delete it), all in the same script, and only while the
     * scope still holds its lock and record. When nothing changed and {@code withoutWaiting}, that
     * script is sent without waiting for its answer (see
     * {@link RedisWxSessionStore.Builder#deferReadOnlyReleases}).
     *
     * @return what {@code session-end.lua} answered ({@link SessionCommands#FENCED} if the scope had
     *         lost its hold), or -1 when nothing was sent or the answer was not awaited
     */
    long end(byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl, boolean withoutWaiting) {
        if (!leave()) {
            return -1;
        }
        SessionChanges changes = session == null ? null : session.detach();
        boolean save = changes != null && !changes.isEmpty();
        if (!save && owner == null) {
            return -1;
        }
        long now = sessions.clock().millis();
        if (!save && withoutWaiting && store.releaseWithoutWaiting(sessionId, now, owner, locked, dedupKey,
                finalRecord, dedupTtl)) {
            return -1;
        }
        long creationTime = save ? session.storedCreationTime() : -1;
        return reported(store.endOrGiveBackLater(sessionId, owner, locked, dedupKey, () -> sessions.commands().end(
                sessionId, now, owner, locked, creationTime, save ? changes : null, dedupKey, finalRecord, dedupTtl)),
                dedupKey);
    }

    /**
     * {@link #end} for a message's delivery whose handler outlived the reply deadline: if WeChat's
     * last delivery asked meanwhile, {@code replyXml} is parked in the session (created now if
     * absent) and the de-dup record holds no reply, all in the same script.
     *
     * @return as {@link #end}, or {@link SessionCommands#PARKED}
     */
    long endParking(byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl, String replyXml) {
        session(true);
        RedisWxSession copy = session;
        byte[] value = sessions.serializer().serialize(replyXml);
        if (!leave()) {
            return -1;
        }
        SessionChanges changes = copy.detach();
        SessionCommands.Parking parking = new SessionCommands.Parking(
                RedisSessionKeys.bytes(RedisWxSession.ATTRIBUTE_PREFIX + WxParkedReplies.ATTRIBUTE), value);
        return reported(store.endOrGiveBackLater(sessionId, owner, locked, dedupKey, () -> sessions.commands().end(
                sessionId, sessions.clock().millis(), owner, locked, copy.storedCreationTime(), changes, dedupKey,
                finalRecord, dedupTtl, parking)), dedupKey);
    }

    private long reported(long saved, byte[] dedupKey) {
        if (saved == 0) {
            LOG.log(Level.WARNING, () -> "session " + sessionId + " was invalidated or expired by someone else during"
                    + " a unit of work on it; that unit's changes were dropped");
        } else if (saved == SessionCommands.FENCED && dedupKey == null) {
            // A scope's own lock (a message's delivery reports its own loss).
            LOG.log(Level.WARNING, () -> "the lock of session " + sessionId + " ran out during a unit of work on it"
                    + " (scopes' locks are not renewed: keep such units well within the lock lease); that unit's"
                    + " changes were dropped");
        }
        return saved;
    }

    /**
     * Ends without saving: releases the lock and, for a message, deletes its de-dup record, if the
     * scope still holds them.
     */
    void abandon(byte[] dedupKey) {
        if (!leave()) {
            return;
        }
        if (session != null) {
            session.detach();
        }
        if (owner != null) {
            store.endOrGiveBackLater(sessionId, owner, locked, dedupKey, () -> sessions.commands().end(sessionId,
                    sessions.clock().millis(), owner, locked, -1, null, dedupKey, null, null));
        }
    }

    /** Ends and, if bound, unbinds the scope; {@code false} if it had ended already. */
    private boolean leave() {
        if (thread != null && Thread.currentThread() != thread) {
            throw new IllegalStateException("end the scope of session " + sessionId + " on the thread that opened it ("
                    + thread.getName() + "); it is bound to that thread");
        }
        synchronized (this) {
            if (!open) {
                return false;
            }
            open = false;
        }
        if (thread != null) {
            RedisSessionScope restored = previous;
            while (restored != null && !restored.open) {
                restored = restored.previous;
            }
            store.unbind(this, restored);
        }
        return true;
    }

    @Override
    public String toString() {
        return "RedisSessionScope[" + sessionId + (locked ? ", locked" : "") + (open ? "" : ", ended") + "]";
    }
}
