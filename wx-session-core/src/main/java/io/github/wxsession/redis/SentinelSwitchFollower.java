package io.github.wxsession.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConverters;

/**
 * Moves a Sentinel-configured {@link LettuceConnectionFactory} to the new master as soon as the
 * sentinels switch to it. Lettuce asks the sentinels for the master only when it connects: left
 * alone, the factory's shared connection stays on the old master, which keeps accepting writes
 * until Sentinel demotes it (about 10 s later), and every one of those writes is lost when it
 * resyncs as a replica.
 * <p>
 * The follower subscribes to {@code +switch-master} on every sentinel. On a switch of this
 * factory's master it waits until each sentinel it can reach names the new master (Lettuce asks
 * them in order, and a sentinel learns of the switch up to a couple of seconds after the one that
 * made it), then {@linkplain LettuceConnectionFactory#resetConnection() resets} the shared
 * connection: the next command connects to the new master. Commands in flight on the old
 * connection fail, which the store reports as Redis being unavailable (WeChat retries).
 * <p>
 * A {@linkplain FailoverFence fence} too: from the moment a sentinel is elected to fail this
 * master over ({@code +elected-leader}) until the connection has moved, the store's commands
 * wait (and answer unavailable if that takes too long). The old master keeps accepting writes after its
 * replica is promoted, and all of them are lost when it rejoins as a replica: measured with
 * messages flowing during a {@code SENTINEL FAILOVER}, some 450 acknowledged writes in the second
 * between the promotion and the sentinels' agreement. The fence closes a couple of hundred
 * milliseconds before the promotion and opens when the connection has moved, when the failover is
 * aborted, or after {@link #FENCE_LIMIT} at the latest.
 * <p>
 * Only the factory's shared connection moves: the Redis store uses it (the default,
 * {@code shareNativeConnection=true}).
 */
public final class SentinelSwitchFollower implements FailoverFence, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SentinelSwitchFollower.class.getName());
    private static final String SWITCH_CHANNEL = "+switch-master";
    private static final String ELECTED_CHANNEL = "+elected-leader";
    /** {@code -failover-abort-not-elected}, {@code -no-good-slave}, {@code -slave-timeout}, ... */
    private static final String ABORT_PATTERN = "-failover-abort-*";
    private static final String TIMEOUT_CHANNEL = "+failover-end-for-timeout";
    /** Longest the fence stays closed without a switch (Sentinel's own failover timeout is minutes). */
    public static final Duration FENCE_LIMIT = Duration.ofSeconds(10);
    /** How long the sentinels get to agree on a new master before the connection moves anyway. */
    private static final Duration AGREEMENT_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final long RESUBSCRIBE_SECONDS = 2;

    private final LettuceConnectionFactory factory;
    private final String master;
    private final List<RedisURI> sentinels;
    private final RedisClient client;
    private final ScheduledExecutorService worker;
    /** Touched by the worker thread only. */
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();
    private final List<RedisURI> unsubscribed;
    private final List<StatefulRedisSentinelConnection<String, String>> queries = new ArrayList<>();
    private volatile String followed;
    /** When the fence closed ({@link System#nanoTime}), or {@code null} while it is open; set under this object's lock. */
    private volatile @Nullable Long fencedAt;

    private SentinelSwitchFollower(LettuceConnectionFactory factory, RedisSentinelConfiguration configuration) {
        this.factory = factory;
        this.master = configuration.getMaster().getName();
        this.sentinels = sentinelUris(configuration, factory.getClientConfiguration());
        this.unsubscribed = new ArrayList<>(sentinels);
        this.client = factory.getClientResources() == null ? RedisClient.create()
                : RedisClient.create(factory.getClientResources());
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wx-session-sentinel-" + master);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts following the sentinels of {@code factory}, if it is configured for Sentinel. Close the
     * follower before the factory.
     */
    public static Optional<SentinelSwitchFollower> follow(LettuceConnectionFactory factory) {
        RedisSentinelConfiguration configuration = factory.getSentinelConfiguration();
        if (configuration == null || configuration.getMaster() == null) {
            return Optional.empty();
        }
        SentinelSwitchFollower follower = new SentinelSwitchFollower(factory, configuration);
        follower.worker.scheduleWithFixedDelay(follower::subscribeRemaining, 0, RESUBSCRIBE_SECONDS, TimeUnit.SECONDS);
        return Optional.of(follower);
    }

    /** The sentinels' addresses with the factory's sentinel credentials, TLS and timeout, as Spring Data builds them. */
    private static List<RedisURI> sentinelUris(RedisSentinelConfiguration configuration,
            LettuceClientConfiguration client) {
        List<RedisURI> uris = new ArrayList<>();
        for (RedisURI sentinel : LettuceConverters.sentinelConfigurationToRedisURI(configuration).getSentinels()) {
            sentinel.setSsl(client.isUseSsl());
            sentinel.setVerifyPeer(client.getVerifyMode());
            sentinel.setTimeout(client.getCommandTimeout());
            uris.add(sentinel);
        }
        return uris;
    }

    /**
     * Subscribes to the sentinels not subscribed yet (down at startup); once subscribed, Lettuce
     * reconnects and subscribes again by itself.
     */
    private void subscribeRemaining() {
        for (RedisURI sentinel : List.copyOf(unsubscribed)) {
            try {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(sentinel);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        onEvent(channel, message);
                    }

                    @Override
                    public void message(String pattern, String channel, String message) {
                        onEvent(channel, message);
                    }
                });
                connection.sync().subscribe(SWITCH_CHANNEL, ELECTED_CHANNEL, TIMEOUT_CHANNEL);
                connection.sync().psubscribe(ABORT_PATTERN);
                subscriptions.add(connection);
                unsubscribed.remove(sentinel);
                queries.add(client.connectSentinel(sentinel));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "sentinel " + sentinel.getHost() + ":" + sentinel.getPort()
                        + " not subscribed yet: " + e);
            }
        }
    }

    /**
     * {@code +switch-master}: {@code <master name> <old ip> <old port> <new ip> <new port>}; the
     * others: {@code master <master name> <ip> <port>}.
     */
    private void onEvent(String channel, String message) {
        String[] parts = message.split(" ");
        if (channel.equals(SWITCH_CHANNEL)) {
            if (parts.length == 5 && parts[0].equals(master)) {
                closeFence("the sentinels switched it");
                String address = parts[3] + ":" + parts[4];
                worker.execute(() -> moveTo(address, parts[1] + ":" + parts[2]));
            }
        } else if (parts.length >= 2 && parts[0].equals("master") && parts[1].equals(master)) {
            if (channel.equals(ELECTED_CHANNEL)) {
                closeFence("a sentinel was elected to fail it over");
            } else {
                openFence("the failover ended without a switch (" + channel + ")");
            }
        }
    }

    private synchronized void closeFence(String why) {
        if (fencedAt == null) {
            fencedAt = System.nanoTime();
            LOG.log(Level.INFO, () -> "Redis Sentinel is failing over master '" + master + "' (" + why
                    + "): Redis commands wait until the connection follows");
        }
    }

    private synchronized void openFence(String why) {
        Long since = fencedAt;
        if (since != null) {
            fencedAt = null;
            notifyAll();
            long closed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            LOG.log(Level.INFO, () -> "Redis commands to master '" + master + "' go again, " + closed
                    + " ms after they were held: " + why);
        }
    }

    @Override
    public @Nullable String awaitOpen(Duration timeout) {
        if (fencedAt == null) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (fencedAt != null) {
                long now = System.nanoTime();
                if (now - fencedAt > FENCE_LIMIT.toNanos()) {
                    openFence("no switch came within " + FENCE_LIMIT.toSeconds() + " s");
                    return null;
                }
                long left = Math.min(deadline - now, fencedAt + FENCE_LIMIT.toNanos() - now);
                if (deadline - now <= 0) {
                    return "Redis Sentinel is failing over master '" + master + "'";
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted while Redis Sentinel was failing over master '" + master + "'";
                }
            }
            return null;
        }
    }

    private void moveTo(String address, String old) {
        if (address.equals(followed)) {
            openFence("already on " + address);
            return;
        }
        long start = System.nanoTime();
        long deadline = start + AGREEMENT_WAIT.toNanos();
        while (!everyReachableSentinelNames(address) && System.nanoTime() - deadline < 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        factory.resetConnection();
        followed = address;
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.log(Level.INFO, () -> "Redis Sentinel switched master '" + master + "' from " + old + " to " + address
                + "; the shared connection moved there, " + waited + " ms after the first sentinel announced it");
        openFence("the connection moved to " + address);
    }

    private boolean everyReachableSentinelNames(String address) {
        boolean anyReached = false;
        for (StatefulRedisSentinelConnection<String, String> sentinel : queries) {
            try {
                SocketAddress named = sentinel.sync().getMasterAddrByName(master);
                anyReached = true;
                if (!(named instanceof InetSocketAddress inet)
                        || !address.equals(inet.getHostString() + ":" + inet.getPort())) {
                    return false;
                }
            } catch (RuntimeException unreachable) {
                // A sentinel that cannot answer is not asked: Lettuce will not get an answer from it either.
            }
        }
        return anyReached;
    }

    /** The master's name this follower watches. */
    public String master() {
        return master;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.forEach(StatefulRedisPubSubConnection::close);
        queries.forEach(StatefulRedisSentinelConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Override
    public String toString() {
        return "SentinelSwitchFollower[" + master + " via " + sentinels.size() + " sentinels"
                + (followed == null ? "" : ", on " + followed) + "]";
    }
}
