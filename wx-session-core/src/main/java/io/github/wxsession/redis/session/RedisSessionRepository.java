package io.github.wxsession.redis.session;

import io.github.wxsession.redis.OwnerTokens;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.redis.attribute.WxSessionAttributeSerializer;
import io.github.wxsession.session.TooManyActiveSessionsException;
import io.github.wxsession.session.WxSessionDestroyReason;
import io.github.wxsession.session.WxSessionListeners;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Creates, loads, changes and destroys one account's sessions in Redis, and tells the listeners:
 * the session life cycle shared by direct mode, scopes and the message gate. Each Redis call is
 * one script (see {@link SessionCommands}); events fire after it returns, on the calling thread,
 * and only on the caller whose script made the change.
 */
final class RedisSessionRepository {

    private static final System.Logger LOG = System.getLogger(RedisSessionRepository.class.getName());

    private final SessionCommands redis;
    private final LiveSessionCount count;
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
        this.count = redis.count();
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
                settle(null, 1);
                yield announceCreated(sessionId, now);
            }
            case REPLACED -> {
                // The expired session's slot passes to its successor: the count stays.
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
                yield announceCreated(sessionId, now);
            }
            case EXPIRED -> {
                expire(sessionId, reply);
                yield create ? createWithinLimit(sessionId) : null;
            }
            default -> create ? createWithinLimit(sessionId) : null;
        };
    }

    /**
     * Reserves a live-session slot, sweeping once before refusing, then creates the session. A
     * creation that failed keeps its slot until a sweep corrects the count: it may have happened.
     */
    private RedisWxSession createWithinLimit(String sessionId) {
        byte[] token = OwnerTokens.next();
        if (!count.reserve(token, clock.millis(), maxActiveSessions)) {
            // Sessions idle past their timeout still hold slots until swept; free them first.
            sweepOnDemand();
            if (!count.reserve(token, clock.millis(), maxActiveSessions)) {
                throw new TooManyActiveSessionsException(maxActiveSessions);
            }
        }
        long now = clock.millis();
        List<Object> reply = redis.begin(sessionId, SessionCommands.CREATE, now, null, false, null, null);
        BeginStatus status = BeginStatus.of(reply);
        // Someone else created it, or an expired one handed over its slot: ours is not needed.
        settle(token, status == BeginStatus.CREATED ? 0 : -1);
        if (status == BeginStatus.LIVE) {
            return RedisWxSession.fromFields(this, sessionId, reply, 1);
        }
        if (status == BeginStatus.REPLACED) {
            announceDestroyed(RedisWxSession.fromFields(this, sessionId, reply, 1), WxSessionDestroyReason.EXPIRED);
        }
        return announceCreated(sessionId, now);
    }

    /**
     * Destroys a session a lookup found idle past its timeout, and tells the listeners if this
     * caller destroyed it. The lookup leaves the key in place, so that deleting it and counting it
     * out happen under one mark ({@link LiveSessionCount}).
     */
    private void expire(String sessionId, List<Object> reply) {
        long creationTime = RedisWxSession.fromFields(this, sessionId, reply, 1).storedCreationTime();
        List<Object> fields = destroyCounted(redis.keys().session(sessionId), creationTime, true);
        if (!fields.isEmpty()) {
            announceDestroyed(RedisWxSession.fromFields(this, sessionId, fields, 0), WxSessionDestroyReason.EXPIRED);
        }
    }

    /**
     * Deletes a session key and counts it out, marked in flight in between; answers the fields it
     * held, or none if it was gone (or not the one meant) already.
     */
    private List<Object> destroyCounted(byte[] key, long creationTime, boolean expiredOnly) {
        byte[] token = OwnerTokens.next();
        long now = clock.millis();
        count.pend(token, now);
        // If this fails the mark stays, and no sweep corrects the count until it runs out.
        List<Object> fields = redis.destroy(key, creationTime, now, expiredOnly);
        settle(token, fields.isEmpty() ? 0 : -1);
        return fields;
    }

    /**
     * Settles a change to the count; if Redis is gone meanwhile, the change stays marked until its
     * deadline and the count stays one too high until a sweep corrects it, which keeps the limit.
     * The session change itself happened and must not be reported as failed.
     */
    private void settle(byte[] token, int delta) {
        try {
            count.settle(token, delta);
        } catch (WxRedisUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "count not settled; a sweep will correct it", e);
        }
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
        List<Object> fields = destroyCounted(redis.keys().session(session.getId()), session.storedCreationTime(), false);
        if (fields.isEmpty()) {
            return false;
        }
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
    long @Nullable [] readAccess(RedisWxSession session) {
        List<byte[]> fields = redis.readAccess(session.getId());
        if (fields.get(0) == null || RedisWxSession.parseLong(fields.get(0)) != session.storedCreationTime()) {
            return null;
        }
        long accessed = RedisWxSession.parseLong(fields.get(1));
        long timeout = RedisWxSession.parseLong(fields.get(2));
        return SessionCommands.isDue(accessed, timeout, clock.millis()) ? null : new long[] {accessed, timeout};
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

    /**
     * See {@link RedisWxSessionStore#expireStaleSessions()}. The sweep marks itself in flight before
     * it destroys anything, and corrects a drifted count only if nothing else changed it meanwhile
     * ({@link LiveSessionCount#recount}).
     */
    int expireStaleSessions() {
        long now = clock.millis();
        LiveSessionCount.Snapshot start = count.snapshot();
        byte[] token = null;
        int expired = 0;
        AtomicLong live = new AtomicLong();
        for (byte[] key : redis.dueSessions(now, live)) {
            String sessionId = redis.keys().sessionIdOf(key);
            if (sessionId == null) {
                continue;
            }
            if (token == null) {
                token = OwnerTokens.next();
                count.pend(token, now);
            }
            List<Object> fields = redis.destroy(key, -1, now, true);
            if (!fields.isEmpty()) {
                count.countOut();
                announceDestroyed(RedisWxSession.fromFields(this, sessionId, fields, 0), WxSessionDestroyReason.EXPIRED);
                expired++;
            }
        }
        if (token != null || start.count() != live.get()) {
            count.recount(start.count() - expired, live.get() - expired, start.version() + (token == null ? 0 : 1),
                    clock.millis(), token);
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
                expire(sessionId, reply);
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
