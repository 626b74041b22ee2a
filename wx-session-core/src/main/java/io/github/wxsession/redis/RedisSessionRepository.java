package io.github.wxsession.redis;

import io.github.wxsession.session.TooManyActiveSessionsException;
import io.github.wxsession.session.WxSessionDestroyReason;
import io.github.wxsession.session.WxSessionListeners;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Creates, loads, changes and destroys one account's sessions in Redis, and tells the listeners:
 * the session life cycle shared by direct mode, scopes and the message gate. Each Redis call is
 * one script (see {@link SessionCommands}); events fire after it returns, on the calling thread,
 * and only on the caller whose script made the change.
 */
final class RedisSessionRepository {

    private final SessionCommands redis;
    private final Clock clock;
    private final int defaultMaxInactiveInterval;
    /** 0 for no limit. */
    private final int maxActiveSessions;
    private final WxSessionAttributeSerializer serializer;
    private final WxSessionListeners listeners;
    private final long lockLeaseMillis;
    private final ReentrantLock onDemandSweep = new ReentrantLock();

    RedisSessionRepository(SessionCommands redis, Clock clock, int defaultMaxInactiveInterval, int maxActiveSessions,
            WxSessionAttributeSerializer serializer, WxSessionListeners listeners, long lockLeaseMillis) {
        this.redis = redis;
        this.clock = clock;
        this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
        this.maxActiveSessions = maxActiveSessions;
        this.serializer = serializer;
        this.listeners = listeners;
        this.lockLeaseMillis = lockLeaseMillis;
    }

    /** Looks a session up outside any scope; creates it if {@code create}. */
    RedisWxSession load(String sessionId, boolean create) {
        long now = clock.millis();
        // Without a limit, creation needs no slot and happens in the same script as the lookup.
        boolean inline = create && maxActiveSessions == 0;
        List<Object> reply = redis.begin(sessionId, inline ? SessionCommands.CREATE : SessionCommands.LOAD, now,
                null, false, null, null);
        return switch (BeginStatus.of(reply)) {
            case LIVE -> RedisWxSession.fromFields(this, sessionId, reply, 1);
            case CREATED -> {
                redis.count(1);
                yield announceCreated(sessionId, now);
            }
            case REPLACED -> {
                // The expired session's slot passes to its successor: the count stays.
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
                yield announceCreated(sessionId, now);
            }
            case EXPIRED -> {
                redis.count(-1);
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
                yield create ? createWithinLimit(sessionId) : null;
            }
            default -> create ? createWithinLimit(sessionId) : null;
        };
    }

    /**
     * Reserves a live-session slot, sweeping once before refusing, then creates the session; a slot
     * whose creation failed is given back.
     */
    private RedisWxSession createWithinLimit(String sessionId) {
        if (!redis.reserve(maxActiveSessions)) {
            // Sessions idle past their timeout still hold slots until swept; free them first.
            sweepOnDemand();
            if (!redis.reserve(maxActiveSessions)) {
                throw new TooManyActiveSessionsException(maxActiveSessions);
            }
        }
        long now = clock.millis();
        List<Object> reply;
        try {
            reply = redis.begin(sessionId, SessionCommands.CREATE, now, null, false, null, null);
        } catch (RuntimeException e) {
            giveBackSlot(e);
            throw e;
        }
        BeginStatus status = BeginStatus.of(reply);
        if (status != BeginStatus.CREATED) {
            // Someone else created it, or an expired one handed over its slot: ours is not needed.
            redis.count(-1);
        }
        if (status == BeginStatus.LIVE) {
            return RedisWxSession.fromFields(this, sessionId, reply, 1);
        }
        if (status == BeginStatus.REPLACED) {
            announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
        }
        return announceCreated(sessionId, now);
    }

    private RedisWxSession announceCreated(String sessionId, long now) {
        RedisWxSession session = RedisWxSession.created(this, sessionId, now, defaultMaxInactiveInterval);
        if (!listeners.isEmpty()) {
            listeners.created(session);
        }
        return session;
    }

    private void announceDestroyed(RedisWxSession session, WxSessionDestroyReason reason) {
        session.beginDestroy();
        try {
            if (!listeners.isEmpty()) {
                listeners.destroyed(session, reason);
            }
        } finally {
            session.finishDestroy();
        }
    }

    /** Deletes {@code session} if it is still the one in Redis; {@code false} if it was gone already. */
    boolean invalidate(RedisWxSession session) {
        List<Object> fields = redis.destroy(redis.keys().session(session.getId()), session.storedCreationTime(),
                clock.millis(), false);
        if (fields.isEmpty()) {
            return false;
        }
        redis.count(-1);
        session.refreshFrom(RedisWxSession.fromFields(this, session.getId(), fields, 0));
        announceDestroyed(session, WxSessionDestroyReason.INVALIDATED);
        return true;
    }

    /** Writes one attribute through; see {@code session-write.lua} for the reply. */
    List<Object> writeAttribute(RedisWxSession session, String field, byte[] value) {
        return redis.writeAttribute(session.getId(), session.storedCreationTime(), clock.millis(), field, value);
    }

    boolean writeTimeout(RedisWxSession session, int seconds) {
        return redis.writeTimeout(session.getId(), session.storedCreationTime(), clock.millis(), seconds);
    }

    /**
     * The session's current last access and timeout in Redis, or {@code null} if it is gone,
     * replaced, or idle past its timeout.
     */
    long[] readAccess(RedisWxSession session) {
        List<byte[]> fields = redis.readAccess(session.getId());
        if (fields.get(0) == null || RedisWxSession.parseLong(fields.get(0)) != session.storedCreationTime()) {
            return null;
        }
        long accessed = RedisWxSession.parseLong(fields.get(1));
        long timeout = RedisWxSession.parseLong(fields.get(2));
        return SessionCommands.isDue(accessed, timeout, clock.millis()) ? null : new long[] {accessed, timeout};
    }

    private void giveBackSlot(RuntimeException failure) {
        try {
            redis.count(-1);
        } catch (RuntimeException e) {
            // Redis is gone: the count stays one too high until a sweep reconciles it.
            failure.addSuppressed(e);
        }
    }

    /**
     * A sweep for a creation at the limit: one at a time. Creations refused meanwhile wait for the
     * running one and then try their slot again, instead of each scanning the whole account.
     */
    private void sweepOnDemand() {
        if (onDemandSweep.tryLock()) {
            try {
                expireStaleSessions();
            } finally {
                onDemandSweep.unlock();
            }
            return;
        }
        onDemandSweep.lock();
        onDemandSweep.unlock();
    }

    /** See {@link RedisWxSessionStore#expireStaleSessions()}. */
    int expireStaleSessions() {
        long now = clock.millis();
        int expired = 0;
        long counted = redis.rawCount();
        AtomicLong live = new AtomicLong();
        for (byte[] key : redis.dueSessions(now, live)) {
            String sessionId = redis.keys().sessionIdOf(key);
            List<Object> fields = sessionId == null ? List.of() : redis.destroy(key, -1, now, true);
            if (!fields.isEmpty()) {
                redis.count(-1);
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, fields, 0), WxSessionDestroyReason.EXPIRED);
                expired++;
            }
        }
        if (counted != live.get()) {
            redis.recount(counted - expired, live.get() - expired);
        }
        return expired;
    }

    /**
     * The Redis half of beginning a unit of work: one {@code session-begin.lua} that may take the
     * lock, claim a message, and load and touch the session (or destroy it if it is idle past its
     * timeout, telling the listeners).
     *
     * @param sessionId the session, or {@code ""} for a de-dup claim without one
     * @param owner the lock's and in-progress record's value ({@link OwnerTokens#next()}); {@code null} if
     *        neither is taken
     * @param countTtl count this delivery if the message is in progress, see {@link SessionCommands#begin}
     */
    Loaded begin(String sessionId, long now, byte[] owner, boolean lock, byte[] dedupKey, byte[] countTtl) {
        byte[] mode = sessionId.isEmpty() ? SessionCommands.NO_SESSION : SessionCommands.LOAD;
        List<Object> reply = redis.begin(sessionId, mode, now, owner, lock, dedupKey, countTtl);
        BeginStatus status = BeginStatus.of(reply);
        switch (status) {
            case IN_PROGRESS -> {
                return new Loaded(status, null, null, reply.size() > 1 ? (int) (long) (Long) reply.get(1) : 0);
            }
            case HANDLED -> {
                return new Loaded(status, null, new String((byte[]) reply.get(1), StandardCharsets.UTF_8), 0);
            }
            case LIVE -> {
                return new Loaded(status, RedisWxSession.fromFields(this, sessionId, reply, 1), null, 0);
            }
            case EXPIRED -> {
                redis.count(-1);
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
                return new Loaded(status, null, null, 0);
            }
            default -> {
                return new Loaded(status, null, null, 0);
            }
        }
    }

    long lockLeaseMillis() {
        return lockLeaseMillis;
    }

    SessionCommands commands() {
        return redis;
    }

    Clock clock() {
        return clock;
    }

    WxSessionAttributeSerializer serializer() {
        return serializer;
    }

    WxSessionListeners listeners() {
        return listeners;
    }

    /**
     * What {@link #begin} found: its status, the live session (not yet part of a scope), a handled
     * message's cached reply, or which delivery of an in-progress message this was (0: not counted).
     */
    record Loaded(BeginStatus status, RedisWxSession session, String reply, int delivery) {
    }
}
