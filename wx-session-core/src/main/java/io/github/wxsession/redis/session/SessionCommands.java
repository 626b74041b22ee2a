package io.github.wxsession.redis.session;

import io.github.wxsession.redis.FailoverFence;
import io.github.wxsession.redis.RedisCalls;
import io.github.wxsession.redis.WxRedisUnavailableException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.util.ClassUtils;

/**
 * The Redis side of one account's sessions: each method is one round trip (a script or a single
 * command) except the sweep's scan, and maps an unreachable Redis to
 * {@link WxRedisUnavailableException}. Arguments travel as bytes; time is always the caller's.
 */
final class SessionCommands {

    /** One body in Redis: an End sent without waiting must never be overtaken by the next Begin ({@link LuaScript#together}). */
    private static final List<LuaScript> UNIT_OF_WORK = LuaScript.together(
            new String[] {"session-begin", "session-end"}, new ReturnType[] {ReturnType.MULTI, ReturnType.INTEGER});
    private static final LuaScript BEGIN = UNIT_OF_WORK.get(0);
    private static final LuaScript END = UNIT_OF_WORK.get(1);
    private static final LuaScript WRITE = LuaScript.load("session-write", ReturnType.MULTI);
    private static final LuaScript DESTROY = LuaScript.load("session-destroy", ReturnType.MULTI);
    private static final LuaScript RENEW = LuaScript.load("session-renew", ReturnType.INTEGER);
    private static final LuaScript PARK = LuaScript.load("session-park", ReturnType.MULTI);
    static final LuaScript READ = LuaScript.load("read-on-master", ReturnType.MULTI);
    static final byte[] HMGET = {'H', 'M', 'G', 'E', 'T'};

    /** What {@link #end} answers when the unit of work no longer held its lock or record. */
    static final long FENCED = -2;
    /** What {@link #end} answers when it parked the reply in the session, as WeChat's last delivery asked. */
    static final long PARKED = 2;

    /** Begin modes: load or create, load only, no session (a de-dup claim without a sender). */
    static final byte[] CREATE = {'c'};
    static final byte[] LOAD = {'l'};
    static final byte[] NO_SESSION = {'n'};

    private static final byte[] EMPTY = {};
    private static final byte[] ONE = {'1'};
    private static final byte[] SET = {'s'};
    private static final byte[] DELETE = {'d'};
    private static final byte[] TIMEOUT = {'m'};
    private static final System.Logger LOG = System.getLogger(SessionCommands.class.getName());
    static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.api.async.RedisScriptingAsyncCommands",
            SessionCommands.class.getClassLoader());
    private static final byte[] CREATED_FIELD = RedisSessionKeys.bytes("#c");
    static final byte[] ACCESSED_FIELD = RedisSessionKeys.bytes("#a");
    static final byte[] TIMEOUT_FIELD = RedisSessionKeys.bytes("#m");
    /**
     * How long a command waits for a closed {@link FailoverFence} (a Sentinel failover takes about a
     * second from the election to the connection's move): well within WeChat's 5 s.
     */
    private static final Duration FENCE_WAIT = Duration.ofSeconds(2);

    private final RedisConnectionFactory factory;
    private final RedisSessionKeys keys;
    private final String subject;
    private final byte[] defaultTimeout;
    private final byte[] grace;
    private final byte[] lease;
    /** Sends scripts without waiting; {@code null}: every script is awaited. */
    private final UnawaitedScripts releases;
    /** Finds a cluster's promoted replica when commands fail; {@code null} unless Lettuce on a cluster. */
    private final TopologyRefreshOnFailure topologyRefresh;
    private final FailoverFence fence;
    private final DueSessionScan dueScan;
    private final LiveSessionCount count;

    SessionCommands(RedisConnectionFactory factory, RedisSessionKeys keys, String appId, int defaultTimeoutSeconds,
            long graceMillis, long leaseMillis, FailoverFence fence, UnawaitedScripts releases) {
        this.factory = factory;
        this.fence = fence;
        this.releases = releases;
        this.topologyRefresh = LETTUCE_PRESENT ? TopologyRefreshOnFailure.forFactory(factory) : null;
        this.keys = keys;
        this.dueScan = new DueSessionScan(factory, keys);
        this.count = new LiveSessionCount(this, keys);
        this.subject = "the sessions of " + appId;
        this.defaultTimeout = ascii(defaultTimeoutSeconds);
        this.grace = ascii(graceMillis);
        this.lease = ascii(leaseMillis);
    }

    RedisSessionKeys keys() {
        return keys;
    }

    LiveSessionCount count() {
        return count;
    }

    /**
     * Runs {@code session-begin.lua}: de-dup check (when {@code dedupKey} is given), lock (when
     * {@code lock}), then load and touch, create, or lazily expire the session per {@code mode}.
     * The lock and the in-progress record live the lease, by Redis's clock, unless renewed.
     *
     * @param owner the lock's and the in-progress record's value; {@code null} when neither is taken
     * @param dedupTtl when the message is in progress, count this delivery in its late record, which
     *        lives this long; {@code null}: don't count (a poll of a delivery counted already)
     */
    List<Object> begin(String sessionId, byte[] mode, long now, byte[] owner, boolean lock, byte[] dedupKey,
            byte[] dedupTtl) {
        byte[] sessionKey = keys.session(sessionId);
        byte[] lockKey = keys.lock(sessionId);
        byte[] nowArg = ascii(now);
        byte[] ownerArg = owner == null ? EMPTY : owner;
        byte[] lockArg = lock ? ONE : EMPTY;
        if (dedupKey == null) {
            return call("loading", connection -> BEGIN.run(connection, 2, sessionKey, lockKey, nowArg, mode,
                    defaultTimeout, grace, ownerArg, lease, lockArg));
        }
        byte[] lateKey = RedisSessionKeys.late(dedupKey);
        byte[] count = dedupTtl == null ? EMPTY : ONE;
        byte[] ttl = dedupTtl == null ? EMPTY : dedupTtl;
        return call("loading", connection -> BEGIN.run(connection, 4, sessionKey, lockKey, dedupKey, lateKey, nowArg,
                mode, defaultTimeout, grace, ownerArg, lease, lockArg, count, ttl));
    }

    /**
     * Runs {@code session-renew.lua}: extends the lease of the lock and the in-progress record
     * that {@code owner} took, if it still holds them.
     *
     * @return {@code false} if the lease had run out already
     */
    boolean renew(String sessionId, byte[] owner, boolean locked, byte[] dedupKey) {
        byte[] lockKey = keys.lock(sessionId);
        byte[] lockArg = locked ? ONE : EMPTY;
        Long renewed = call("renewing the lease of", connection -> dedupKey == null
                ? RENEW.run(connection, 1, lockKey, owner, lease, lockArg)
                : RENEW.run(connection, 2, lockKey, dedupKey, owner, lease, lockArg));
        return renewed == 1L;
    }

    /**
     * Runs {@code session-park.lua}: asks the delivery handling the message to park its reply.
     *
     * @return {@code {1}} asked, {@code {6, reply}} handled meanwhile, {@code {0}} nobody holds it
     */
    List<Object> park(byte[] dedupKey, byte[] dedupTtl) {
        byte[] lateKey = RedisSessionKeys.late(dedupKey);
        return call("parking a reply in", connection -> PARK.run(connection, 2, dedupKey, lateKey, dedupTtl));
    }

    /** Sets ({@code value} non-null) or deletes one attribute field, unless the session is gone. */
    List<Object> writeAttribute(String sessionId, long creationTime, long now, String field, byte[] value) {
        byte[] key = keys.session(sessionId);
        byte[] created = ascii(creationTime);
        byte[] nowArg = ascii(now);
        byte[] name = RedisSessionKeys.bytes(field);
        return call("writing", connection -> value == null
                ? WRITE.run(connection, 1, key, nowArg, created, DELETE, name)
                : WRITE.run(connection, 1, key, nowArg, created, SET, name, value));
    }

    /** Sets the max inactive interval and the key's time to live, unless the session is gone. */
    boolean writeTimeout(String sessionId, long creationTime, long now, int seconds) {
        byte[] key = keys.session(sessionId);
        byte[] created = ascii(creationTime);
        byte[] nowArg = ascii(now);
        byte[] timeout = ascii(seconds);
        List<Object> reply = call("writing", connection -> WRITE.run(connection, 1, key, nowArg, created, TIMEOUT,
                timeout, grace));
        return (Long) reply.get(0) == 1L;
    }

    /**
     * Deletes a session and answers its fields, or an empty list if there was none to delete.
     *
     * @param creationTime the session meant, or {@code -1} for whichever is there
     * @param dueOnly delete only if it is idle past its timeout at {@code now}
     */
    List<Object> destroy(byte[] sessionKey, long creationTime, long now, boolean dueOnly) {
        byte[] created = creationTime < 0 ? EMPTY : ascii(creationTime);
        byte[] nowArg = ascii(now);
        return call("deleting", connection -> DESTROY.run(connection, 1, sessionKey, nowArg, created,
                dueOnly ? ONE : EMPTY));
    }

    /**
     * Runs {@code session-end.lua}: saves {@code changes} into the session created at
     * {@code creationTime} if it still exists, releases the lock {@code owner} holds, and settles
     * the de-dup record if {@code dedupKey} is given ({@code finalRecord} {@code null} deletes it);
     * when {@code owner} is given, all of it only while {@code owner} still holds the lock (if
     * {@code locked}) and the record.
     *
     * @return 1 saved, 0 the session was gone, -1 nothing to save, {@link #FENCED} the owner no
     *         longer held what it took, so nothing was written
     */
    long end(String sessionId, long now, byte[] owner, boolean locked, long creationTime, SessionChanges changes,
            byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl) {
        return end(sessionId, now, owner, locked, creationTime, changes, dedupKey, finalRecord, dedupTtl, null);
    }

    /**
     * {@link #end(String, long, byte[], boolean, long, SessionChanges, byte[], byte[], byte[])} for a
     * delivery whose reply is parked, as {@code parking}, if WeChat's last delivery asked for it; the
     * session created at {@code creationTime} must exist for that.
     *
     * @return as the other, or {@link #PARKED}
     */
    long end(String sessionId, long now, byte[] owner, boolean locked, long creationTime, SessionChanges changes,
            byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl, Parking parking) {
        byte[][] args = endArgs(sessionId, now, owner, locked, creationTime, changes, dedupKey, finalRecord, dedupTtl,
                parking);
        int keyCount = dedupKey == null ? 2 : parking == null ? 3 : 4;
        return call("saving", connection -> END.<Long>run(connection, keyCount, args));
    }

    /** A reply to park in the session: its encoded attribute field, if the late record asks for it. */
    record Parking(byte[] field, byte[] value) {
    }

    /**
     * {@code session-end.lua} for a unit of work that saved nothing (the lock's release and the
     * message's final record), sent without waiting for the answer when the connection allows it.
     *
     * @param onFailure run if it could not be sent after all
     * @return {@code false} if it was not sent: call {@link #end} instead
     */
    boolean endWithoutWaiting(String sessionId, long now, byte[] owner, boolean locked, byte[] dedupKey,
            byte[] finalRecord, byte[] dedupTtl, Runnable onFailure) {
        if (releases == null || fence.awaitOpen(Duration.ZERO) != null) {
            return false;
        }
        byte[][] args = endArgs(sessionId, now, owner, locked, -1, null, dedupKey, finalRecord, dedupTtl, null);
        return releases.send(END, "the release of session " + sessionId + " of " + subject, onFailure,
                dedupKey == null ? 2 : 3, args);
    }

    /** Waits up to {@code timeout} for the scripts sent without waiting to be answered. */
    void awaitUnansweredEnds(Duration timeout) {
        if (releases != null && !releases.awaitSent(timeout)) {
            LOG.log(Level.WARNING, () -> "some lock releases of " + subject + " were not answered within " + timeout
                    + "; those locks free themselves within their lease");
        }
    }

    private byte[][] endArgs(String sessionId, long now, byte[] owner, boolean locked, long creationTime,
            SessionChanges changes, byte[] dedupKey, byte[] finalRecord, byte[] dedupTtl, Parking parking) {
        boolean save = changes != null && !changes.isEmpty();
        // Parking checks the session it parks in by its creation time, changes or not.
        boolean sessionMeant = save || parking != null;
        Map<String, byte[]> fields = save ? changes.fields() : Map.of();
        int removed = 0;
        for (byte[] value : fields.values()) {
            if (value == null) {
                removed++;
            }
        }
        int keyCount = dedupKey == null ? 2 : parking == null ? 3 : 4;
        byte[][] args = new byte[keyCount + 12 + 2 * (fields.size() - removed) + removed][];
        args[0] = keys.session(sessionId);
        args[1] = keys.lock(sessionId);
        if (dedupKey != null) {
            args[2] = dedupKey;
        }
        if (keyCount == 4) {
            args[3] = RedisSessionKeys.late(dedupKey);
        }
        int i = keyCount;
        args[i++] = ascii(now);
        args[i++] = grace;
        args[i++] = owner == null ? EMPTY : owner;
        args[i++] = sessionMeant ? ascii(creationTime) : EMPTY;
        args[i++] = save && changes.timeoutChanged() ? ascii(changes.maxInactiveInterval()) : EMPTY;
        args[i++] = ascii(fields.size() - removed);
        args[i++] = ascii(removed);
        args[i++] = finalRecord == null ? EMPTY : finalRecord;
        args[i++] = dedupTtl == null ? EMPTY : dedupTtl;
        args[i++] = locked ? ONE : EMPTY;
        args[i++] = parking == null ? EMPTY : parking.field();
        args[i++] = parking == null ? EMPTY : parking.value();
        int removedAt = i + 2 * (fields.size() - removed);
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            byte[] name = RedisSessionKeys.bytes(field.getKey());
            if (field.getValue() == null) {
                args[removedAt++] = name;
            } else {
                args[i++] = name;
                args[i++] = field.getValue();
            }
        }
        return args;
    }

    /** The session's {@code #c}, {@code #a} and {@code #m} fields, each {@code null} if absent. */
    List<byte[]> readAccess(String sessionId) {
        byte[] key = keys.session(sessionId);
        return call("reading", connection -> READ.run(connection, 1, key, HMGET, CREATED_FIELD, ACCESSED_FIELD,
                TIMEOUT_FIELD));
    }

    /**
     * The keys of this account's sessions that are idle past their timeout at {@code now}
     * ({@link DueSessionScan}).
     *
     * @param live counts every session hash the scan saw
     */
    List<byte[]> dueSessions(long now, AtomicLong live) {
        return call("sweeping", connection -> dueScan.find(connection, now, live));
    }

    /** Sends {@code PING} and waits at most {@code timeout} for the answer; see {@link LettucePing}. */
    void ping(Duration timeout) {
        String fenced = fence.awaitOpen(Duration.ZERO);
        if (fenced != null) {
            throw new WxRedisUnavailableException("pinging " + subject, fenced);
        }
        RedisCalls.call("pinging", subject, () -> {
            try (RedisConnection connection = factory.getConnection()) {
                if (!LETTUCE_PRESENT || !LettucePing.ping(connection, timeout)) {
                    connection.ping();
                }
                return null;
            }
        });
    }

    static boolean isDue(long lastAccessedTime, long timeoutSeconds, long now) {
        return timeoutSeconds > 0 && now - lastAccessedTime >= timeoutSeconds * 1000L;
    }

    <T> T call(String verb, Function<RedisConnection, T> command) {
        String fenced = fence.awaitOpen(FENCE_WAIT);
        if (fenced != null) {
            throw new WxRedisUnavailableException(verb + " " + subject, fenced);
        }
        try {
            return RedisCalls.call(verb, subject, () -> {
                try (RedisConnection connection = factory.getConnection()) {
                    return command.apply(connection);
                }
            });
        } catch (WxRedisUnavailableException e) {
            if (topologyRefresh != null) {
                topologyRefresh.failed();
            }
            throw e;
        }
    }

    static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
