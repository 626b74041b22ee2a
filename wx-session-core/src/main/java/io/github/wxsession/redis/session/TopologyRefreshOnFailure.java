package io.github.wxsession.redis.session;

import io.github.wxsession.redis.LettuceClusterRefresh;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Asks Lettuce to reload a Redis Cluster's topology when one of the store's commands failed for
 * want of a node, at most once per {@link LettuceClusterRefresh#ADAPTIVE_REFRESH_INTERVAL}.
 * Lettuce's own triggers fire on its reconnect attempts, which back off exponentially (seconds
 * apart after a few seconds of outage, 30 s apart later): with Redis's default
 * {@code cluster-node-timeout} of 15 s, the promotion would be noticed up to tens of seconds
 * late. The store's own traffic (WeChat's retries included) fails every command timeout while
 * the slots are unserved, so the first failure after the promotion finds the new master.
 * <p>
 * Loaded only when Lettuce is on the classpath; for other factories {@link #forFactory} answers
 * {@code null}.
 */
final class TopologyRefreshOnFailure {

    private static final System.Logger LOG = System.getLogger(TopologyRefreshOnFailure.class.getName());
    private static final long INTERVAL_NANOS = LettuceClusterRefresh.ADAPTIVE_REFRESH_INTERVAL.toNanos();

    private final LettuceConnectionFactory factory;
    /** When the last refresh was asked for ({@link System#nanoTime}); none yet: long ago. */
    private final AtomicLong lastAsked = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    private TopologyRefreshOnFailure(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    /** For a Lettuce factory configured for a cluster; {@code null} for any other. */
    static @Nullable TopologyRefreshOnFailure forFactory(RedisConnectionFactory factory) {
        return factory instanceof LettuceConnectionFactory lettuce && lettuce.getClusterConfiguration() != null
                ? new TopologyRefreshOnFailure(lettuce) : null;
    }

    /** A command failed as unavailable: refreshes the topology in the background, unless one was asked for within the interval. */
    void failed() {
        long now = System.nanoTime();
        long last = lastAsked.get();
        if (now - last < INTERVAL_NANOS || !lastAsked.compareAndSet(last, now)) {
            return;
        }
        AbstractRedisClient client = factory.getNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            cluster.refreshPartitionsAsync().whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.DEBUG, () -> "cluster topology refresh after a failed command failed too: " + failure);
                }
            });
        }
    }
}
