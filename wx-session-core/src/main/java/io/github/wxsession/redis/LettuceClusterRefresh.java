package io.github.wxsession.redis;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;

/**
 * How Lettuce should follow a Redis Cluster whose master fails, for the Redis store's guarantees:
 * every adaptive refresh trigger on (a reconnect attempt to a lost node, {@code MOVED},
 * {@code ASK}, an uncovered slot, an unknown node), allowed again one second after the last,
 * instead of Lettuce's 30 s; the session store adds its own trigger, a failed command
 * ({@code TopologyRefreshOnFailure} in {@code io.github.wxsession.redis.session}). Measured (docs/benchmarks.md §9): after {@code kill -9} of a
 * master, the store is right again within a second of its replica's promotion, where Spring
 * Boot's defaults took 7 s (Lettuce 7) or never (Lettuce 6, which enables no trigger).
 * <p>
 * The cost is at most one {@code CLUSTER NODES} round over the nodes per second while something
 * is wrong, none while the cluster is healthy: nothing is refreshed periodically unless the
 * application asks for it.
 */
public final class LettuceClusterRefresh {

    /** The shortest time between two refreshes that failures trigger. */
    public static final Duration ADAPTIVE_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private LettuceClusterRefresh() {
    }

    /**
     * {@code options} with adaptive topology refresh as described above; dynamic refresh sources,
     * a periodic refresh and stale connection closing stay as they were.
     */
    public static ClusterClientOptions followFailovers(ClusterClientOptions options) {
        ClusterTopologyRefreshOptions current = options.getTopologyRefreshOptions();
        ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
                .dynamicRefreshSources(current.useDynamicRefreshSources())
                .closeStaleConnections(current.isCloseStaleConnections())
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_INTERVAL)
                .refreshTriggersReconnectAttempts(1);
        if (current.isPeriodicRefreshEnabled()) {
            refresh.enablePeriodicRefresh(current.getRefreshPeriod());
        }
        return options.mutate().topologyRefreshOptions(refresh.build()).build();
    }
}
