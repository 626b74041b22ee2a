package io.github.wxsession.redis.session;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;

/**
 * A {@code PING} on Lettuce's asynchronous connection, waited for no longer than the caller says.
 * While Redis is gone, Lettuce keeps commands until it has reconnected or the command timeout
 * (often seconds, 60 by default) has passed; a health check must answer sooner than that. A PING
 * given up on is cancelled, so none pile up for the reconnected connection.
 * <p>
 * Loaded only when Lettuce is on the classpath.
 */
final class LettucePing {

    private LettucePing() {
    }

    /**
     * @return {@code false} if {@code connection} is not Lettuce's: the caller pings the usual way
     * @throws QueryTimeoutException if no answer came within {@code timeout}
     * @throws RedisSystemException if the command failed
     */
    static boolean ping(RedisConnection connection, Duration timeout) {
        if (!(connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> commands)) {
            return false;
        }
        RedisFuture<String> pong = commands.ping();
        try {
            pong.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            pong.cancel(false);
            throw new QueryTimeoutException("no answer to PING within " + timeout);
        } catch (InterruptedException e) {
            pong.cancel(false);
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("interrupted while waiting for PING");
        } catch (ExecutionException e) {
            throw new RedisSystemException("PING failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
