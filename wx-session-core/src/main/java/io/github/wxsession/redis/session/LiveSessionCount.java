package io.github.wxsession.redis.session;

import java.util.List;
import org.springframework.data.redis.connection.ReturnType;

/**
 * One account's live-session count in Redis: the counter behind the limit and
 * {@code getActiveSessionCount()}, kept apart from the session keys it counts (they spread over a
 * cluster's slots, the counter sits in one).
 *
 * <p>A session's key and its count therefore change in two steps. A creation takes its slot before
 * the key exists, a destruction deletes the key before its slot is given back. Between the two, a
 * sweep that corrects drift (a count left high by a lost decrement, or by a key Redis expired) from
 * what its scan saw would count the key's new state but the count's old one, and a count corrected
 * that way ends one too low: the limit overshoots by one. So every such change is marked in flight
 * first ({@link #pend}, or {@link #reserve} for a creation), with a token and a deadline, and
 * settled after ({@link #settle}); each moves the count's version. A sweep corrects the count only
 * when the count and the version are what it started from and nothing but its own change is in
 * flight ({@code session-recount.lua}).
 *
 * <p>What is left: a change in flight longer than {@link #IN_FLIGHT_LIMIT} (its instance paused
 * that long, or died) counts as abandoned, and if it did finish, the count is off by one until the
 * next sweep that runs alone. A creation without a limit is counted after its key exists, in the
 * same script as the lookup, with no mark: its count can only end one too high, never too low,
 * and only until the next sweep.
 */
final class LiveSessionCount {

    /** How long a change may stay in flight before a sweep stops waiting for it. */
    static final long IN_FLIGHT_LIMIT = 60_000;

    private static final LuaScript PEND = LuaScript.load("session-pend", ReturnType.INTEGER);
    private static final LuaScript SETTLE = LuaScript.load("session-settle", ReturnType.INTEGER);
    private static final LuaScript READ = LuaScript.load("session-count-read", ReturnType.MULTI);
    private static final LuaScript RECOUNT = LuaScript.load("session-recount", ReturnType.INTEGER);
    private static final byte[] NO_LIMIT = {};
    private static final byte[] NO_TOKEN = {};
    private static final byte[] GET = {'G', 'E', 'T'};

    private final SessionCommands redis;
    private final byte[] counter;
    private final byte[] inFlight;
    private final byte[] version;

    LiveSessionCount(SessionCommands redis, RedisSessionKeys keys) {
        this.redis = redis;
        this.counter = keys.counter();
        this.inFlight = keys.countInFlight();
        this.version = keys.countVersion();
    }

    /** Takes a slot for a creation if fewer than {@code limit} are taken, and marks it in flight. */
    boolean reserve(byte[] token, long now, int limit) {
        return pend(token, now, SessionCommands.ascii(limit)) >= 0;
    }

    /** Marks a destruction in flight, before its key is deleted. */
    void pend(byte[] token, long now) {
        pend(token, now, NO_LIMIT);
    }

    private long pend(byte[] token, long now, byte[] limit) {
        byte[] deadline = SessionCommands.ascii(now + IN_FLIGHT_LIMIT);
        return redis.<Long>call("counting", connection -> PEND.run(connection, 3, counter, inFlight, version, token,
                deadline, limit));
    }

    /**
     * Settles a change: adds {@code delta} to the count and ends its time in flight.
     *
     * @param token what {@link #reserve} or {@link #pend} marked, {@code null} for a change never marked
     */
    void settle(byte[] token, int delta) {
        byte[] tokenArg = token == null ? NO_TOKEN : token;
        byte[] deltaArg = SessionCommands.ascii(delta);
        redis.call("counting", connection -> SETTLE.run(connection, 3, counter, inFlight, version, tokenArg, deltaArg));
    }

    /** Counts out a session a sweep destroyed, under the sweep's own mark (see {@link #recount}). */
    void countOut() {
        redis.call("counting", connection -> connection.stringCommands().decr(counter));
    }

    int live() {
        List<byte[]> count = redis.call("counting", connection -> SessionCommands.READ.run(connection, 1, counter, GET));
        long value = count.isEmpty() || count.get(0) == null ? 0 : RedisWxSession.parseLong(count.get(0));
        return (int) Math.max(0, value);
    }

    /** Where a sweep starts: the count as stored (drift included) and its version. */
    Snapshot snapshot() {
        List<Long> reply = redis.call("counting", connection -> READ.run(connection, 2, counter, version));
        return new Snapshot(reply.get(0), reply.get(1));
    }

    /**
     * Sets the count to what a sweep saw, unless anything could have changed meanwhile; ends the
     * sweep's own mark either way.
     *
     * @param expected the count the sweep started from, less the sessions it destroyed
     * @param seen the sessions its scan saw, less the ones it destroyed
     * @param version the version it started from, plus one if it marked itself in flight
     * @param token the sweep's own mark, {@code null} if it made none
     */
    void recount(long expected, long seen, long version, long now, byte[] token) {
        byte[] expectedArg = SessionCommands.ascii(expected);
        byte[] seenArg = SessionCommands.ascii(seen);
        byte[] versionArg = SessionCommands.ascii(version);
        byte[] nowArg = SessionCommands.ascii(now);
        byte[] tokenArg = token == null ? NO_TOKEN : token;
        redis.call("counting", connection -> RECOUNT.run(connection, 3, counter, inFlight, this.version, expectedArg,
                seenArg, versionArg, nowArg, tokenArg));
    }

    record Snapshot(long count, long version) {
    }
}
