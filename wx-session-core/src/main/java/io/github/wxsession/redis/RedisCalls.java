package io.github.wxsession.redis;

import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

/**
 * Runs Redis commands and reports an unreachable Redis as {@link WxRedisUnavailableException}
 * naming what was being done; other failures (a script error, a wrong key type) pass unchanged.
 * <p>
 * Internal: public only so that the session and token subpackages share it; not an API, and
 * may change in any release.
 */
public final class RedisCalls {

    private RedisCalls() {
    }

    /**
     * Runs {@code command}; {@code verb} and {@code subject} make the message on failure only,
     * e.g. "reading" and "the ACCESS_TOKEN of wx123", so a success builds no string.
     */
    public static <T> T call(String verb, String subject, Supplier<T> command) {
        try {
            return command.get();
        } catch (QueryTimeoutException | DataAccessResourceFailureException | RedisSystemException e) {
            // Timeout: connection lost (commands wait for a reconnect until they time out).
            // Resource failure: connection refused. System exception: connection closed mid-command.
            throw new WxRedisUnavailableException(verb + " " + subject, e);
        }
    }
}
