package io.github.wxsession.redis.token;

import io.github.wxsession.api.Sleeper;
import io.github.wxsession.redis.OwnerTokens;
import io.github.wxsession.redis.RedisCalls;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.token.RefreshLock;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A cluster-wide {@link RefreshLock}: a local lock first, so one thread per JVM contends in Redis,
 * then {@code SET key owner NX PX lease}, retried with a growing pause until a bounded wait runs
 * out. Released by a compare-and-delete on the owner, so a holder whose lease ran out never
 * frees a lock that is someone else's by then; a holder that crashed frees it by its lease.
 * <p>
 * Waiters poll instead of being notified: a refresh happens once per token lifetime, and the
 * pause is capped so a waiter notices a release within {@value #MAX_PAUSE_MILLIS} ms. The wait in
 * Redis is timed on the injected clock (tests move it instead of waiting); the wait for the local
 * lock is bounded by the same amount of real time. Release on the thread that acquired.
 */
final class RedisRefreshLock implements RefreshLock {

    private static final System.Logger LOG = System.getLogger(RedisRefreshLock.class.getName());

    /** Deletes KEYS[1] if its value is ARGV[1]; answers the number of keys deleted. */
    static final RedisScript<Long> COMPARE_AND_DELETE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
            Long.class);

    static final long FIRST_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 200;

    private final ReentrantLock local = new ReentrantLock();
    private final StringRedisTemplate redis;
    private final String key;
    private final List<String> keys;
    private final String description;
    private final Duration lease;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;

    RedisRefreshLock(StringRedisTemplate redis, String key, String description, Duration lease, Duration maxWait, Clock clock, Sleeper sleeper) {
        this.redis = redis;
        this.key = key;
        this.keys = List.of(key);
        this.description = description;
        this.lease = lease;
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * {@inheritDoc}
     *
     * @throws WxLockTimeoutException if the lock stayed taken for the whole bounded wait
     * @throws WxRedisUnavailableException if Redis cannot be reached
     * @throws IllegalStateException if this thread holds it already (it is not reentrant)
     */
    @Override
    public Held acquire() throws InterruptedException {
        long deadline = clock.millis() + maxWait.toMillis();
        if (local.isHeldByCurrentThread()) {
            // Redis would see a second owner and keep this thread waiting on itself until the deadline.
            throw new IllegalStateException(description + " is already held by this thread and is not reentrant");
        }
        if (!local.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw timedOut("another thread of this instance");
        }
        boolean acquired = false;
        try {
            String owner = new String(OwnerTokens.next(), StandardCharsets.US_ASCII);
            long pauseMillis = FIRST_PAUSE_MILLIS;
            while (!take(owner)) {
                long remaining = deadline - clock.millis();
                if (remaining <= 0) {
                    throw timedOut("another instance");
                }
                sleeper.sleep(Duration.ofMillis(Math.min(pauseMillis, remaining)));
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            }
            acquired = true;
            return () -> release(owner);
        } finally {
            if (!acquired) {
                local.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "RedisRefreshLock[" + key + ", lease=" + lease + ", maxWait=" + maxWait + "]";
    }

    private boolean take(String owner) {
        return Boolean.TRUE.equals(RedisCalls.call("taking", description,
                () -> redis.opsForValue().setIfAbsent(key, owner, lease)));
    }

    private void release(String owner) {
        try {
            redis.execute(COMPARE_AND_DELETE, keys, owner);
        } catch (DataAccessException e) {
            // The release runs in a finally block: throwing would hide the caller's own outcome.
            LOG.log(Level.WARNING, () -> "could not release " + description + "; it frees itself when its lease of "
                    + lease + " runs out", e);
        } finally {
            local.unlock();
        }
    }

    private WxLockTimeoutException timedOut(String holder) {
        return new WxLockTimeoutException("gave up waiting " + maxWait + " for " + description + " (Redis key "
                + key + ") held by " + holder + ": the holder is still fetching (is WeChat slow?) or crashed, in"
                + " which case the lock frees itself within its lease of " + lease);
    }
}
