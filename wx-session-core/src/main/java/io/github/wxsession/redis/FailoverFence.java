package io.github.wxsession.redis;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Holds the Redis store's commands while Redis moves its data to another node. A write the old
 * master acknowledged after its replica was promoted is lost when the old master rejoins as a
 * replica, so while the fence is closed a command waits for it to open (the usual failover takes
 * about a second) and, if it stays closed, is answered as Redis being unavailable (WeChat retries
 * the message) instead of being written where it would be lost.
 * <p>
 * {@link SentinelSwitchFollower} is one: closed from the moment a sentinel is elected to fail the
 * master over until the connection has moved to the new master.
 */
@FunctionalInterface
public interface FailoverFence {

    /** A fence that never closes. */
    FailoverFence NONE = timeout -> null;

    /**
     * Returns once commands may be sent, or after {@code timeout}.
     *
     * @return {@code null} if they may be sent, else why not (e.g. "Redis Sentinel is failing over
     *         master 'mymaster'"); also on interruption, with the thread's interrupt flag set again
     */
    @Nullable String awaitOpen(Duration timeout);
}
