package io.github.wxsession.redis;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis Cluster for tests: {@code masters} × ({@code 1 + replicasPerMaster})
 * {@code redis-server} processes with {@code cluster-enabled yes} on free loopback ports, no
 * persistence, a short {@code cluster-node-timeout} so a failover takes seconds, formed without
 * {@code redis-cli} ({@code CLUSTER MEET}, {@code ADDSLOTSRANGE}, {@code REPLICATE} over a plain
 * connection), so the binary shipped in embedded-redis does as well as a system one.
 * <p>
 * Nodes are named by address, {@code 127.0.0.1:<port>}. Roles are asked from the nodes each
 * time, never remembered: after a {@linkplain #failover(String) failover} or a
 * {@linkplain #kill(String) kill} the replica is a master. {@link #close()} kills every process by
 * its pid and deletes the temporary directory; a cluster never closed is killed at JVM exit.
 */
public final class RedisClusterProcess implements RedisTopology {

    /** Commands of {@link #newConnectionFactory()} fail after this long when a node is gone. */
    public static final Duration COMMAND_TIMEOUT = RedisServerProcess.COMMAND_TIMEOUT;

    private static final int SLOTS = 16384;
    private static final int ADDSLOTS_BATCH = 1024;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than Redis's own manual failover timeout, 5 s. */
    private static final Duration MANUAL_FAILOVER_WAIT = Duration.ofSeconds(8);
    private static final int MANUAL_FAILOVER_ATTEMPTS = 3;

    private final Path dir;
    private final int masterCount;
    private final int replicasPerMaster;
    private final Duration nodeTimeout;
    /** Every node by address, in start order: the first {@code masterCount} started as masters. */
    private final Map<String, RedisProcess> processes = new LinkedHashMap<>();
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private ClientResources resources;

    private RedisClusterProcess(Path dir, Builder builder) {
        this.dir = dir;
        this.masterCount = builder.masters;
        this.replicasPerMaster = builder.replicasPerMaster;
        this.nodeTimeout = builder.nodeTimeout;
    }

    /** Three masters with one replica each, node timeout 1 s. */
    public static RedisClusterProcess start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every node started, masters first, dead or alive: the seed list for a client. */
    public synchronized List<String> nodes() {
        return List.copyOf(processes.keySet());
    }

    /** {@link #nodes()} joined by commas, as {@code spring.data.redis.cluster.nodes} takes them. */
    public String nodesProperty() {
        return String.join(",", nodes());
    }

    /** The running nodes that say they are masters, in start order. */
    public List<String> masters() {
        return running().stream().filter(node -> "master".equals(role(node).get(0))).toList();
    }

    /** The running nodes that say they are replicas, in start order. */
    public List<String> replicas() {
        return running().stream().filter(node -> "slave".equals(role(node).get(0))).toList();
    }

    /** The master a replica replicates, as the replica says. */
    public String masterOf(String replica) {
        List<Object> role = role(replica);
        if (!"slave".equals(role.get(0))) {
            throw new IllegalArgumentException(replica + " is not a replica but a " + role.get(0));
        }
        return role.get(1) + ":" + role.get(2);
    }

    /** The running replicas of {@code master}, as they say. */
    public List<String> replicasOf(String master) {
        return replicas().stream().filter(replica -> masterOf(replica).equals(master)).toList();
    }

    /** The slot of {@code key}, as the cluster computes it. */
    public int slotOf(String key) {
        return ((Long) Resp.call(anyRunning(), "CLUSTER", "KEYSLOT", key)).intValue();
    }

    /** The master serving {@code key}'s slot, as that master says. */
    public String masterFor(String key) {
        int slot = slotOf(key);
        for (String master : masters()) {
            if (ownSlots(master).contains(slot)) {
                return master;
            }
        }
        throw new IllegalStateException("no running master serves slot " + slot + " of " + key);
    }

    /** How many keys {@code node} holds ({@code DBSIZE}). */
    public long keyCount(String node) {
        return (Long) Resp.call(node, "DBSIZE");
    }

    /** Empties every master (their replicas follow). */
    public void flushAll() {
        for (String master : masters()) {
            Resp.call(master, "FLUSHALL");
        }
    }

    /** Kills {@code node} with SIGKILL, as a crash would; it keeps its address for {@link #restart}. */
    public void kill(String node) {
        process(node).kill();
    }

    /**
     * Starts a killed node again on its address, with its {@code nodes.conf} and no data: a
     * master whose replica was promoted meanwhile comes back as that replica's replica. Returns
     * once the cluster is {@linkplain #awaitHealthy() healthy}.
     */
    public void restart(String node) throws IOException {
        process(node).restart();
        awaitHealthy();
    }

    /**
     * A graceful failover: {@code CLUSTER FAILOVER} on {@code replica}, which takes over once its
     * master stopped writes and it has caught up (asked again if Redis abandons it). Returns once
     * the cluster is healthy again with {@code replica} as a master.
     */
    public void failover(String replica) {
        masterOf(replica);
        for (int attempt = 1; ; attempt++) {
            Resp.call(replica, "CLUSTER", "FAILOVER");
            try {
                awaitPromotion(replica, MANUAL_FAILOVER_WAIT);
                break;
            } catch (IllegalStateException e) {
                // Redis abandons a manual failover after 5 s (its master never answered, say); ask again.
                if (attempt == MANUAL_FAILOVER_ATTEMPTS) {
                    throw e;
                }
                System.out.println("RedisClusterProcess: CLUSTER FAILOVER on " + replica + " timed out; asking again");
            }
        }
        awaitHealthy();
    }

    /**
     * Waits until {@code replica} says it is a master and serves its slots ({@code cluster_state:ok}
     * by its own account), e.g. after its master was {@linkplain #kill(String) killed}.
     *
     * @return {@link System#nanoTime()} when the promotion was seen (polled every 20 ms)
     */
    public long awaitPromotion(String replica, Duration timeout) {
        return explained(() -> Await.until(timeout, replica + " promoted to master", () -> {
            if (!"master".equals(role(replica).get(0)) || ownSlots(replica).isEmpty()
                    || !"ok".equals(clusterInfo(replica).get("cluster_state"))) {
                return null;
            }
            return System.nanoTime();
        }));
    }

    /**
     * Waits until every running node says {@code cluster_state:ok} with all slots served, every
     * running node's view names the same masters, and every running replica is connected to a
     * running master and seen by every node as that master's replica.
     */
    public void awaitHealthy() {
        AtomicReference<String> problem = new AtomicReference<>();
        explained(() -> Await.until(FORM_TIMEOUT, "a healthy cluster", () -> {
            problem.set(healthProblem());
            return problem.get() == null ? Boolean.TRUE : null;
        }), problem::get);
    }

    /** Waits until every replica of {@code master} acknowledged everything written to it so far. */
    public void awaitReplicated(String master) {
        Await.replicated(FORM_TIMEOUT, master, replicasOf(master).size(), () -> role(master));
    }

    /**
     * A started connection factory for the cluster configured as Spring Boot configures one by
     * default ({@code spring.data.redis.cluster.nodes} = {@link #nodes()}, dynamic refresh
     * sources, no refresh period, Lettuce's default adaptive triggers — none on Lettuce 6, all on
     * Lettuce 7 — and its default reconnect backoff), with {@link #COMMAND_TIMEOUT}. Destroyed by
     * {@link #close()} if not before.
     */
    public LettuceConnectionFactory newConnectionFactory() {
        return newConnectionFactory(UnaryOperator.identity());
    }

    /** {@link #newConnectionFactory()} with the client options changed, e.g. another topology refresh. */
    public LettuceConnectionFactory newConnectionFactory(UnaryOperator<ClusterClientOptions.Builder> options) {
        return newConnectionFactory(options, UnaryOperator.identity());
    }

    /** {@link #newConnectionFactory()} with the client options and the client configuration changed, e.g. a {@code readFrom}. */
    public synchronized LettuceConnectionFactory newConnectionFactory(UnaryOperator<ClusterClientOptions.Builder> options,
            UnaryOperator<LettuceClientConfiguration.LettuceClientConfigurationBuilder> configuration) {
        if (resources == null) {
            resources = ClientResources.create();
        }
        // As Spring Boot's LettuceConnectionConfiguration builds them for a cluster, and then the
        // starter's customizer where the application set no spring.data.redis.lettuce.cluster.refresh.*.
        ClusterClientOptions bootDefaults = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().dynamicRefreshSources(true).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build();
        LettuceClientConfiguration client = configuration.apply(LettuceClientConfiguration.builder()
                .clientResources(resources)
                .clientOptions(options.apply(LettuceClusterRefresh.followFailovers(bootDefaults).mutate()).build())
                .commandTimeout(COMMAND_TIMEOUT)
                .shutdownTimeout(Duration.ZERO))
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes()), client);
        factory.afterPropertiesSet();
        factories.add(factory);
        return factory;
    }

    /** Destroys the factories made here, kills every node and deletes the directory. */
    @Override
    public synchronized void close() {
        factories.forEach(LettuceConnectionFactory::destroy);
        factories.clear();
        if (resources != null) {
            resources.shutdown();
        }
        processes.values().forEach(RedisProcess::kill);
        RedisProcess.deleteRecursively(dir);
    }

    /** What every node printed last: what it decided (failure reports, elections), and when. */
    public synchronized String recentOutput() {
        StringBuilder out = new StringBuilder();
        for (RedisProcess process : processes.values()) {
            out.append("--- ").append(process).append('\n').append(process.recentOutput()).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "redis-cluster" + nodes();
    }

    /** Runs a wait; if it times out, the failure carries what the nodes printed last. */
    private <T> T explained(Supplier<T> wait) {
        return explained(wait, () -> null);
    }

    /** {@link #explained(Supplier)}, saying too what was last seen amiss. */
    private <T> T explained(Supplier<T> wait, Supplier<String> lastSeen) {
        try {
            return wait.get();
        } catch (IllegalStateException e) {
            String seen = lastSeen.get() == null ? "" : " (last seen: " + lastSeen.get() + ")";
            throw new IllegalStateException(e.getMessage() + seen + "; what the nodes printed last:\n" + recentOutput(), e);
        }
    }

    private void launch() throws IOException {
        int total = masterCount * (1 + replicasPerMaster);
        for (int i = 0; i < total; i++) {
            RedisProcess node = RedisProcess.start("redis-cluster-node", this::arguments, RedisProcess.SERVER_READY);
            synchronized (this) {
                processes.put(node.address(), node);
            }
        }
    }

    private List<String> arguments(int port) {
        Path nodeDir = dir.resolve("node-" + port);
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--port", Integer.toString(port), "--bind", RedisProcess.HOST,
                "--save", "", "--appendonly", "no", "--dir", nodeDir.toString(), "--daemonize", "no",
                "--cluster-enabled", "yes", "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
                "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                // A replica may take over however long it was cut off: tests kill masters on purpose.
                "--cluster-replica-validity-factor", "0",
                // A replica's first sync starts at once rather than after the default 5 s.
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
    }

    private void form() {
        List<String> all = nodes();
        List<String> masters = all.subList(0, masterCount);
        List<String> replicas = all.subList(masterCount, all.size());
        // Distinct epochs up front, as redis-cli does, so no epoch collision needs resolving.
        for (int i = 0; i < masters.size(); i++) {
            Resp.call(masters.get(i), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        for (String node : all.subList(1, all.size())) {
            int colon = node.lastIndexOf(':');
            Resp.call(all.get(0), "CLUSTER", "MEET", node.substring(0, colon), node.substring(colon + 1));
        }
        for (int i = 0; i < masters.size(); i++) {
            addSlots(masters.get(i), i * SLOTS / masterCount, (i + 1) * SLOTS / masterCount - 1);
        }
        Await.condition(FORM_TIMEOUT, "every node knowing all " + all.size() + " nodes", () -> all.stream()
                .allMatch(node -> view(node).stream().filter(line -> !line.flags().contains("handshake")).count()
                        == all.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String master = masters.get(i % masterCount);
            Resp.call(replicas.get(i), "CLUSTER", "REPLICATE", Resp.text(master, "CLUSTER", "MYID"));
        }
        awaitHealthy();
    }

    private static void addSlots(String master, int first, int last) {
        try {
            Resp.call(master, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
            return;
        } catch (Resp.ErrorReply e) {
            if (!e.getMessage().toLowerCase(Locale.ROOT).contains("subcommand")) {
                throw e;
            }
        }
        // Before Redis 7: slot by slot, in batches.
        for (int start = first; start <= last; start += ADDSLOTS_BATCH) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = start; slot <= Math.min(last, start + ADDSLOTS_BATCH - 1); slot++) {
                command.add(Integer.toString(slot));
            }
            Resp.call(master, command.toArray(String[]::new));
        }
    }

    /** What keeps the cluster from being healthy now, or {@code null}. */
    private String healthProblem() {
        List<String> running = running();
        Set<String> masters = new TreeSet<>();
        Map<String, String> replicaOf = new LinkedHashMap<>();
        for (String node : running) {
            Map<String, String> info = clusterInfo(node);
            if (!"ok".equals(info.get("cluster_state")) || !Integer.toString(SLOTS).equals(info.get("cluster_slots_ok"))) {
                return node + " says " + info.get("cluster_state") + " with " + info.get("cluster_slots_ok") + " slots ok";
            }
            List<Object> role = role(node);
            if ("master".equals(role.get(0))) {
                masters.add(node);
            } else if (!"connected".equals(role.get(3)) || !running.contains(role.get(1) + ":" + role.get(2))) {
                return "replica " + node + " is " + role.get(3) + " to " + role.get(1) + ":" + role.get(2);
            } else {
                replicaOf.put(node, role.get(1) + ":" + role.get(2));
            }
        }
        if (masters.size() != masterCount) {
            return "masters are " + masters;
        }
        for (String node : running) {
            Set<String> seen = new TreeSet<>();
            List<NodeLine> view = view(node);
            Map<String, String> addressOfId = new LinkedHashMap<>();
            view.forEach(line -> addressOfId.put(line.id(), line.address()));
            for (NodeLine line : view) {
                // A master ignores a manual failover asked by a replica it does not know as its own yet.
                String master = replicaOf.get(line.address());
                if (master != null && !master.equals(addressOfId.get(line.masterId()))) {
                    return node + " does not see " + line.address() + " as a replica of " + master;
                }
                if (running.contains(line.address()) && (line.flags().contains("fail") || line.flags().contains("fail?"))) {
                    return node + " sees running " + line.address() + " as " + line.flags();
                }
                if (line.flags().contains("master") && !line.flags().contains("fail") && line.ownsSlots()) {
                    seen.add(line.address());
                }
            }
            if (!seen.equals(masters)) {
                return node + " sees masters " + seen + ", not " + masters;
            }
        }
        return null;
    }

    private synchronized List<String> running() {
        return processes.values().stream().filter(RedisProcess::isRunning).map(RedisProcess::address).toList();
    }

    private String anyRunning() {
        List<String> running = running();
        if (running.isEmpty()) {
            throw new IllegalStateException("no node of " + this + " is running");
        }
        return running.get(0);
    }

    private synchronized RedisProcess process(String node) {
        RedisProcess process = processes.get(node);
        if (process == null) {
            throw new IllegalArgumentException(node + " is no node of " + this);
        }
        return process;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> role(String node) {
        return (List<Object>) Resp.call(node, "ROLE");
    }

    private static Map<String, String> clusterInfo(String node) {
        return Resp.fields(Resp.text(node, "CLUSTER", "INFO"));
    }

    /** The slots {@code node} serves, by its own account. */
    private static Set<Integer> ownSlots(String node) {
        Set<Integer> slots = new HashSet<>();
        for (NodeLine line : view(node)) {
            if (line.flags().contains("myself")) {
                slots.addAll(line.slots());
            }
        }
        return slots;
    }

    /** {@code CLUSTER NODES} as {@code node} sees the cluster. */
    private static List<NodeLine> view(String node) {
        List<NodeLine> lines = new ArrayList<>();
        for (String line : Resp.text(node, "CLUSTER", "NODES").split("\n")) {
            if (!line.isBlank()) {
                lines.add(NodeLine.parse(line.trim()));
            }
        }
        return lines;
    }

    /** One line of {@code CLUSTER NODES}: {@code <id> <ip:port@cport> <flags> <master> ... <slots>}. */
    private record NodeLine(String id, String address, Set<String> flags, String masterId, List<String> slotRanges) {

        static NodeLine parse(String line) {
            String[] fields = line.split(" ");
            String address = fields[1].split("[@,]")[0];
            List<String> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                // "[slot->-id]" marks a slot being migrated; this harness never migrates.
                if (!fields[i].startsWith("[")) {
                    slots.add(fields[i]);
                }
            }
            return new NodeLine(fields[0], address, Set.of(fields[2].split(",")), fields[3], slots);
        }

        boolean ownsSlots() {
            return !slotRanges.isEmpty();
        }

        Set<Integer> slots() {
            Set<Integer> slots = new HashSet<>();
            for (String range : slotRanges) {
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                for (int slot = first; slot <= last; slot++) {
                    slots.add(slot);
                }
            }
            return slots;
        }
    }

    /** The shape and timing of a cluster to start. */
    public static final class Builder {
        private int masters = 3;
        private int replicasPerMaster = 1;
        private Duration nodeTimeout = Duration.ofSeconds(1);

        private Builder() {
        }

        /** How many masters share the slots; at least 3, as Redis Cluster needs a majority to fail over. */
        public Builder masters(int masters) {
            if (masters < 3) {
                throw new IllegalArgumentException("a cluster that fails over needs at least 3 masters, was " + masters);
            }
            this.masters = masters;
            return this;
        }

        public Builder replicasPerMaster(int replicasPerMaster) {
            if (replicasPerMaster < 0) {
                throw new IllegalArgumentException("replicas per master must not be negative, was " + replicasPerMaster);
            }
            this.replicasPerMaster = replicasPerMaster;
            return this;
        }

        /** {@code cluster-node-timeout}: a master silent this long is suspected, and failed over soon after. */
        public Builder nodeTimeout(Duration nodeTimeout) {
            this.nodeTimeout = nodeTimeout;
            return this;
        }

        /** Starts the processes and forms the cluster; returns once it is healthy. */
        public RedisClusterProcess start() throws IOException {
            Path dir = Files.createTempDirectory("wx-redis-cluster-");
            RedisClusterProcess cluster = new RedisClusterProcess(dir, this);
            try {
                cluster.launch();
                cluster.form();
                return cluster;
            } catch (IOException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
