package io.github.wxsession.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis Sentinel set for tests: a master, its replicas ({@code replicaof}) and sentinels
 * ({@code redis-server <conf> --sentinel}) on free loopback ports, no persistence, a short
 * {@code down-after-milliseconds} (2 s) so a crashed master is replaced within seconds.
 * <p>
 * Processes are named by address, {@code 127.0.0.1:<port>}; who is master is asked each time
 * (from a sentinel, or the server's {@code ROLE}), never remembered. {@link #close()} kills every
 * process by its pid and deletes the temporary directory; a set never closed is killed at JVM exit.
 */
public final class RedisSentinelProcess implements RedisTopology {

    /** Commands of {@link #newConnectionFactory()} fail after this long when the master is gone. */
    public static final Duration COMMAND_TIMEOUT = RedisServerProcess.COMMAND_TIMEOUT;

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final String masterName;
    private final int replicaCount;
    private final int sentinelCount;
    private final Duration downAfter;
    private final Duration failoverTimeout;
    /** The data nodes (the first started as the master) and the sentinels, by address. */
    private final Map<String, RedisProcess> servers = new LinkedHashMap<>();
    private final Map<String, RedisProcess> sentinels = new LinkedHashMap<>();
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private ClientResources resources;

    private RedisSentinelProcess(Path dir, Builder builder) {
        this.dir = dir;
        this.masterName = builder.masterName;
        this.replicaCount = builder.replicas;
        this.sentinelCount = builder.sentinels;
        this.downAfter = builder.downAfter;
        this.failoverTimeout = builder.failoverTimeout;
    }

    /** A master, one replica and three sentinels (quorum 2), down after 2 s. */
    public static RedisSentinelProcess start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name the sentinels monitor the master by ({@code spring.data.redis.sentinel.master}). */
    public String masterName() {
        return masterName;
    }

    /** Every sentinel's address ({@code spring.data.redis.sentinel.nodes}). */
    public synchronized List<String> sentinels() {
        return List.copyOf(sentinels.keySet());
    }

    /** Every data node (master and replicas), dead or alive, in start order. */
    public synchronized List<String> servers() {
        return List.copyOf(servers.keySet());
    }

    /** The master as the first answering sentinel names it ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}). */
    public String master() {
        UncheckedIOException unreachable = null;
        for (String sentinel : running(sentinels)) {
            try {
                return masterNamedBy(sentinel);
            } catch (UncheckedIOException e) {
                unreachable = e;
            }
        }
        throw new IllegalStateException("no sentinel of " + this + " answers", unreachable);
    }

    /** The running data nodes that say they are replicas. */
    public List<String> replicas() {
        return running(servers).stream().filter(node -> "slave".equals(role(node))).toList();
    }

    /** What {@code node} says it is: {@code master}, or {@code slave} (for a replica). */
    public String role(String node) {
        return (String) roleOf(node).get(0);
    }

    /** Whom the data node {@code replica} replicates, by its own account. */
    public String masterOf(String replica) {
        List<Object> role = roleOf(replica);
        if (!"slave".equals(role.get(0))) {
            throw new IllegalArgumentException(replica + " is not a replica but a " + role.get(0));
        }
        return role.get(1) + ":" + role.get(2);
    }

    /** Empties the master (its replicas follow). */
    public void flushAll() {
        Resp.call(master(), "FLUSHALL");
    }

    /** Kills a data node or a sentinel with SIGKILL, as a crash would. */
    public void kill(String node) {
        process(node).kill();
    }

    /**
     * Starts a killed data node again, empty, on its address: as a replica of the master the
     * sentinels name now (as an operator brings a failed master back), or as the master if they
     * still name it. Returns once the set is {@linkplain #awaitHealthy() healthy}.
     */
    public void restart(String node) throws IOException {
        process(node).restart();
        awaitHealthy();
    }

    /**
     * A graceful failover: {@code SENTINEL FAILOVER <name>}. Returns the new master once every
     * running sentinel names it; the old master may still be turning into a replica then.
     */
    public String failover() {
        String old = master();
        String sentinel = running(sentinels).get(0);
        Await.until(SETTLE_TIMEOUT, sentinel + " starting a failover", () -> {
            try {
                return Resp.call(sentinel, "SENTINEL", "FAILOVER", masterName);
            } catch (Resp.ErrorReply e) {
                // A sentinel reads its replicas' INFO every 10 s: a replica just brought back may not count yet.
                if (e.getMessage().contains("NOGOODSLAVE")) {
                    return null;
                }
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        awaitSwitch(old, SETTLE_TIMEOUT);
        return master();
    }

    /**
     * Waits until every running sentinel names a master other than {@code from}, and that master
     * says it is one, e.g. after {@code from} was {@linkplain #kill(String) killed}.
     *
     * @return {@link System#nanoTime()} when that was first seen (polled every 20 ms)
     */
    public long awaitSwitch(String from, Duration timeout) {
        return explained(() -> Await.until(timeout, "every sentinel naming a master other than " + from, () -> {
            List<String> named = running(sentinels).stream().map(this::masterNamedBy).distinct().toList();
            if (named.size() != 1 || named.get(0).equals(from) || !"master".equals(role(named.get(0)))) {
                return null;
            }
            return System.nanoTime();
        }));
    }

    /**
     * Waits until every running sentinel names the same running master, sees no trouble with it,
     * knows the other sentinels and reaches every running replica; and every running replica says
     * it is connected to that master.
     */
    public void awaitHealthy() {
        AtomicReference<String> problem = new AtomicReference<>();
        explained(() -> Await.until(SETTLE_TIMEOUT, "a healthy sentinel set", () -> {
            problem.set(healthProblem());
            return problem.get() == null ? Boolean.TRUE : null;
        }), problem::get);
    }

    /** Waits until every replica acknowledged everything written to the master so far. */
    public void awaitReplicated() {
        String master = master();
        Await.replicated(SETTLE_TIMEOUT, master, replicas().size(), () -> roleOf(master));
    }

    /**
     * A started connection factory configured as Spring Boot configures one by default for
     * {@code spring.data.redis.sentinel.master} = {@link #masterName()} and
     * {@code spring.data.redis.sentinel.nodes} = {@link #sentinels()} (Lettuce's default reconnect
     * backoff), with {@link #COMMAND_TIMEOUT}. Destroyed by {@link #close()} if not before.
     */
    public LettuceConnectionFactory newConnectionFactory() {
        return newConnectionFactory(UnaryOperator.identity());
    }

    /**
     * {@link #newConnectionFactory()} with the client configuration changed, e.g. a
     * {@code readFrom}, which makes Spring Data connect through Lettuce's Master/Replica support.
     */
    public synchronized LettuceConnectionFactory newConnectionFactory(
            UnaryOperator<LettuceClientConfiguration.LettuceClientConfigurationBuilder> configuration) {
        if (resources == null) {
            resources = ClientResources.create();
        }
        LettuceClientConfiguration client = configuration.apply(LettuceClientConfiguration.builder()
                .clientResources(resources)
                .clientOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build())
                .commandTimeout(COMMAND_TIMEOUT)
                .shutdownTimeout(Duration.ZERO))
                .build();
        RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration(masterName, new LinkedHashSet<>(sentinels()));
        LettuceConnectionFactory factory = new LettuceConnectionFactory(sentinel, client);
        factory.afterPropertiesSet();
        factories.add(factory);
        return factory;
    }

    /** Destroys the factories made here, kills every process and deletes the directory. */
    @Override
    public synchronized void close() {
        factories.forEach(LettuceConnectionFactory::destroy);
        factories.clear();
        if (resources != null) {
            resources.shutdown();
        }
        sentinels.values().forEach(RedisProcess::kill);
        servers.values().forEach(RedisProcess::kill);
        RedisProcess.deleteRecursively(dir);
    }

    /** Runs a wait; if it times out, the failure carries what the processes printed last. */
    private <T> T explained(Supplier<T> wait) {
        return explained(wait, () -> null);
    }

    /** {@link #explained(Supplier)}, saying too what was last seen amiss. */
    private <T> T explained(Supplier<T> wait, Supplier<String> lastSeen) {
        try {
            return wait.get();
        } catch (IllegalStateException e) {
            String seen = lastSeen.get() == null ? "" : " (last seen: " + lastSeen.get() + ")";
            throw new IllegalStateException(e.getMessage() + seen + "; what the processes printed last:\n" + recentOutput(), e);
        }
    }

    /** What every process printed last, sentinels first: what they decided, and when. */
    public synchronized String recentOutput() {
        StringBuilder out = new StringBuilder();
        for (RedisProcess process : sentinels.values()) {
            out.append("--- ").append(process).append('\n').append(process.recentOutput()).append('\n');
        }
        for (RedisProcess process : servers.values()) {
            out.append("--- ").append(process).append('\n').append(process.recentOutput()).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "redis-sentinel[" + masterName + ": servers " + servers() + ", sentinels " + sentinels() + "]";
    }

    private void launch() throws IOException {
        for (int i = 0; i <= replicaCount; i++) {
            RedisProcess server = RedisProcess.start("redis-server", this::serverArguments, RedisProcess.SERVER_READY);
            synchronized (this) {
                servers.put(server.address(), server);
            }
        }
        String master = servers().get(0);
        Await.condition(SETTLE_TIMEOUT, "replicas linked to " + master, () -> servers().stream().skip(1)
                .allMatch(replica -> "connected".equals(roleOf(replica).get(3))));
        for (int i = 0; i < sentinelCount; i++) {
            int masterPort = Integer.parseInt(master.substring(master.lastIndexOf(':') + 1));
            RedisProcess sentinel = RedisProcess.start("redis-sentinel", port -> sentinelArguments(port, masterPort),
                    RedisProcess.SENTINEL_READY);
            synchronized (this) {
                sentinels.put(sentinel.address(), sentinel);
            }
        }
        // Sentinels find each other through the master's hello channel, every 2 s.
        awaitHealthy();
    }

    /** A data node's arguments: the first one starts as the master; the others, and any restart, follow the master. */
    private List<String> serverArguments(int port) {
        Path serverDir = directory("server-" + port);
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", RedisProcess.HOST,
                "--save", "", "--appendonly", "no", "--dir", serverDir.toString(), "--daemonize", "no",
                // A replica's first sync starts at once rather than after the default 5 s.
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"));
        String master = currentMaster();
        if (master != null && !master.equals(RedisProcess.HOST + ":" + port)) {
            int colon = master.lastIndexOf(':');
            arguments.addAll(List.of("--replicaof", master.substring(0, colon), master.substring(colon + 1)));
        }
        return arguments;
    }

    /** Whom a (re)started data node should follow: the sentinels' master once there are sentinels, else the first node. */
    private String currentMaster() {
        if (!sentinels().isEmpty()) {
            return master();
        }
        List<String> started = servers();
        return started.isEmpty() ? null : started.get(0);
    }

    private List<String> sentinelArguments(int port, int masterPort) {
        Path sentinelDir = directory("sentinel-" + port);
        Path config = sentinelDir.resolve("sentinel.conf");
        String name = masterName;
        // The sentinel rewrites this file as it learns (replicas, other sentinels, epochs); a restart reads it back.
        if (!Files.exists(config)) {
            write(config, String.join("\n",
                    "sentinel monitor " + name + " " + RedisProcess.HOST + " " + masterPort + " " + quorum(),
                    "sentinel down-after-milliseconds " + name + " " + downAfter.toMillis(),
                    "sentinel failover-timeout " + name + " " + failoverTimeout.toMillis(),
                    "sentinel parallel-syncs " + name + " 1", ""));
        }
        return List.of(config.toString(), "--sentinel", "--port", Integer.toString(port), "--bind", RedisProcess.HOST,
                "--dir", sentinelDir.toString(), "--daemonize", "no");
    }

    private int quorum() {
        return sentinelCount / 2 + 1;
    }

    private Path directory(String name) {
        Path path = dir.resolve(name);
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What keeps the set from being healthy now, or {@code null}. */
    private String healthProblem() {
        List<String> runningSentinels = running(sentinels);
        List<String> runningServers = running(servers);
        List<String> named = runningSentinels.stream().map(this::masterNamedBy).distinct().toList();
        if (named.size() != 1) {
            return "sentinels name " + named;
        }
        String master = named.get(0);
        if (!runningServers.contains(master) || !"master".equals(role(master))) {
            return "the named master " + master + " is not a running master";
        }
        List<String> replicas = runningServers.stream().filter(node -> !node.equals(master)).toList();
        for (String replica : replicas) {
            List<Object> role = roleOf(replica);
            if (!"slave".equals(role.get(0)) || !master.equals(role.get(1) + ":" + role.get(2))
                    || !"connected".equals(role.get(3))) {
                return replica + " says " + role;
            }
        }
        for (String sentinel : runningSentinels) {
            Map<String, String> view = pairs(Resp.call(sentinel, "SENTINEL", "MASTER", masterName));
            if (!"master".equals(view.get("flags"))
                    || !Integer.toString(sentinelCount - 1).equals(view.get("num-other-sentinels"))) {
                return sentinel + " sees the master as " + view.get("flags") + " with "
                        + view.get("num-other-sentinels") + " other sentinels";
            }
            // A sentinel reads a replica's link status from INFO every 10 s; the replica's ROLE above is
            // current. What a failover needs from the sentinel is that it knows the replica and reaches it.
            List<String> known = new ArrayList<>();
            for (Object entry : (List<?>) Resp.call(sentinel, "SENTINEL", "REPLICAS", masterName)) {
                Map<String, String> seen = pairs(entry);
                if ("slave".equals(seen.get("flags"))) {
                    known.add(seen.get("ip") + ":" + seen.get("port"));
                }
            }
            if (!known.containsAll(replicas)) {
                return sentinel + " knows reachable replicas " + known + ", not " + replicas;
            }
        }
        return null;
    }

    private String masterNamedBy(String sentinel) {
        List<?> address = (List<?>) Resp.call(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        return address.get(0) + ":" + address.get(1);
    }

    private static Map<String, String> pairs(Object flat) {
        List<?> list = (List<?>) flat;
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            pairs.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> roleOf(String node) {
        return (List<Object>) Resp.call(node, "ROLE");
    }

    private synchronized List<String> running(Map<String, RedisProcess> processes) {
        return processes.values().stream().filter(RedisProcess::isRunning).map(RedisProcess::address).toList();
    }

    private synchronized RedisProcess process(String node) {
        RedisProcess process = servers.containsKey(node) ? servers.get(node) : sentinels.get(node);
        if (process == null) {
            throw new IllegalArgumentException(node + " is no process of " + this);
        }
        return process;
    }

    /** The shape and timing of a sentinel set to start. */
    public static final class Builder {
        private String masterName = "wxmaster";
        private int replicas = 1;
        private int sentinels = 3;
        // Not 1 s: that equals Sentinel's ping period, so a link made at a switch can find the new
        // master down before its first PING is answered, and the sentinels fail back spuriously.
        private Duration downAfter = Duration.ofSeconds(2);
        private Duration failoverTimeout = Duration.ofSeconds(3);

        private Builder() {
        }

        public Builder masterName(String masterName) {
            this.masterName = masterName;
            return this;
        }

        public Builder replicas(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("a sentinel set fails over to a replica: at least one, was " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** How many sentinels watch the master; a majority of them is the quorum. */
        public Builder sentinels(int sentinels) {
            if (sentinels < 1) {
                throw new IllegalArgumentException("at least one sentinel, was " + sentinels);
            }
            this.sentinels = sentinels;
            return this;
        }

        /**
         * {@code down-after-milliseconds}: a master silent this long is down for a sentinel. Keep
         * it above Sentinel's ping period, 1 s.
         */
        public Builder downAfter(Duration downAfter) {
            this.downAfter = downAfter;
            return this;
        }

        /** {@code failover-timeout}, which also spaces two failovers of the same master. */
        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = failoverTimeout;
            return this;
        }

        /** Starts the master, its replicas and the sentinels; returns once the set is healthy. */
        public RedisSentinelProcess start() throws IOException {
            Path dir = Files.createTempDirectory("wx-redis-sentinel-");
            RedisSentinelProcess set = new RedisSentinelProcess(dir, this);
            try {
                set.launch();
                return set;
            } catch (IOException | RuntimeException e) {
                set.close();
                throw e;
            }
        }
    }
}
