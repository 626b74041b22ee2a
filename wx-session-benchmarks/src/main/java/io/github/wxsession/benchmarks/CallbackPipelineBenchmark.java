package io.github.wxsession.benchmarks;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.router.InMemoryWxMessageGate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The per-message work of a callback without HTTP, on the sample's number game: 10,000 users,
 * 10% {@code guess}, 85% a number, 5% other text, sessions and de-duplication in memory, or in
 * a private local Redis ({@code redisPlain}).
 *
 * <ul>
 * <li>{@code plain}: verify the 3-field signature, parse the body, route (de-duplication
 *     included), answer the reply XML.
 * <li>{@code safe}: parse the envelope, verify the {@code msg_signature} and decrypt, parse,
 *     route, encrypt and sign the reply envelope.
 * <li>{@code redisPlain}: {@code plain} with the sessions and de-duplication of
 *     {@code RedisWxSessionStore} and {@code RedisWxMessageGate}; its trial prints the Redis
 *     commands and round trips per message.
 * </ul>
 *
 * <p>Each trial cycles through {@value #REQUESTS} requests made ahead, each with its own MsgId, so
 * every message is routed, never answered from the de-duplication cache. The checker keeps its
 * production TTL but reads a {@link TickingClock}, so by the time a MsgId comes round again its
 * entry has expired and been swept, and the checker holds a steady 60,000 entries (about 30 MB
 * with their replies); a trial that ends holding more fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Big code paths take a minute of this machine's time to settle (see docs/benchmarks.md).
@Warmup(iterations = 12, time = 5)
@Measurement(iterations = 5, time = 5)
// A fixed, pre-touched heap: with the default growing heap, plain-mode iterations now and then ran
// at half speed for seconds right after G1 grew the heap (docs/benchmarks.md).
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class CallbackPipelineBenchmark {

    static final int REQUESTS = 100_000;
    /** The ticking clock moves 1 ms per message, so one TTL spans this many messages. */
    private static final long MESSAGES_PER_TTL = InMemoryWxMessageGate.DEFAULT_TTL.toMillis();
    private static final long SEED = 20_240_501L;

    /**
     * How long the Redis gate keeps a handled message. Redis expires keys by its own clock, not the
     * ticking one, so the production 60 s would keep every record for 60 real seconds: at the tens
     * of thousands of messages a second measured, a MsgId would come round (after {@value #REQUESTS}
     * messages) while its record still exists and be answered from the cache, and the records
     * would fill Redis with hundreds of thousands of keys. 2 s keeps fewer than {@value #REQUESTS}
     * records up to 50,000 messages a second, so every message is claimed and routed, and Redis
     * holds a steady window of records as in production; the trial fails if any message cost other
     * than two scripts. Sessions keep their 30-minute timeout: the store and the gate read the
     * clock twice per message, so a user's session is touched about every 20 virtual seconds (at
     * worst every few minutes) and some real milliseconds: none expires by either clock.
     */
    private static final Duration REDIS_DEDUPLICATION_TTL = Duration.ofSeconds(2);
    private static final long REDIS_SCRIPTS_PER_MESSAGE = 2;

    /** One account's endpoint with a game started for every user. */
    public abstract static class Endpoint {

        final WxMessageCrypt crypt = WxMessageCrypt.of(GameTraffic.TOKEN, GameTraffic.AES_KEY, GameTraffic.APP_ID);
        final GameTraffic traffic = new GameTraffic(SEED);
        final TickingClock clock = new TickingClock(Instant.now());
        CallbackEndpoint endpoint;
        CallbackRequest[] requests;

        void open(CallbackRequest[] requests, CallbackEndpoint endpoint) {
            this.requests = requests;
            this.endpoint = endpoint;
            endpoint.startGames(traffic.users());
        }
    }

    /** Sessions and de-duplication in memory. */
    public abstract static class InMemory extends Endpoint {

        void open(CallbackRequest[] requests) {
            open(requests, CallbackEndpoint.inMemory(crypt, clock));
        }

        /** Fails the trial if de-duplication held more than one TTL of messages: the figures would include a leak. */
        @TearDown(Level.Trial)
        public void close() {
            int held = endpoint.duplicateEntries();
            endpoint.close();
            if (held > MESSAGES_PER_TTL) {
                throw new IllegalStateException("the de-duplication checker held " + held
                        + " entries, more than one TTL's worth (" + MESSAGES_PER_TTL + ")");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Plain extends InMemory {

        @Setup(Level.Trial)
        public void open() {
            open(traffic.plain(REQUESTS));
        }
    }

    @State(Scope.Benchmark)
    public static class Safe extends InMemory {

        @Setup(Level.Trial)
        public void open() {
            open(traffic.safe(REQUESTS, crypt));
        }
    }

    /** Plain mode on a private redis-server started for the trial; the ticking clock drives the store and the gate. */
    @State(Scope.Benchmark)
    public static class RedisPlain extends Endpoint {

        private LocalRedisServer server;
        private LettuceConnectionFactory connections;
        private final LongAdder messages = new LongAdder();
        private long startMillis;

        @Setup(Level.Trial)
        public void open() throws IOException {
            server = LocalRedisServer.start();
            connections = server.connectionFactory();
            open(traffic.plain(REQUESTS), CallbackEndpoint.redis(crypt, connections, clock, REDIS_DEDUPLICATION_TTL));
            // Count from here: creating the sessions and starting the games is setup, not traffic.
            server.resetStats();
            startMillis = clock.peekMillis();
        }

        String plain(CallbackRequest request) {
            messages.increment();
            return endpoint.plain(request);
        }

        /** Prints what Redis ran per message; fails the trial if any message cost other than two scripts. */
        @TearDown(Level.Trial)
        public void close() {
            try {
                long messages = this.messages.sum();
                RedisCommandCounts counts = RedisCommandCounts.read(server, messages);
                System.out.println();
                System.out.println(counts.report());
                System.out.printf("  the clock was read %.2f times per message, %,d sessions live%n",
                        (double) (clock.peekMillis() - startMillis) / messages, endpoint.activeSessions());
                if (counts.scripts() != REDIS_SCRIPTS_PER_MESSAGE * messages) {
                    throw new IllegalStateException(counts.scripts() + " scripts ran for " + messages
                            + " messages, not " + REDIS_SCRIPTS_PER_MESSAGE + " each: some were answered from the"
                            + " de-duplication cache or created a session");
                }
            } finally {
                endpoint.close();
                connections.destroy();
                server.close();
            }
        }
    }

    /** A bare connection to a private redis-server: the client's round trip, the floor under each script. */
    @State(Scope.Benchmark)
    public static class BareRedis {

        private LocalRedisServer server;
        private LettuceConnectionFactory connections;
        RedisConnection commands;

        @Setup(Level.Trial)
        public void open() throws IOException {
            server = LocalRedisServer.start();
            connections = server.connectionFactory();
            commands = connections.getConnection();
        }

        @TearDown(Level.Trial)
        public void close() {
            commands.close();
            connections.destroy();
            server.close();
        }
    }

    /** Where a thread is in the requests; threads start at different places. */
    @State(Scope.Thread)
    public static class Cursor {

        private int next = ThreadLocalRandom.current().nextInt(REQUESTS);

        CallbackRequest next(CallbackRequest[] requests) {
            CallbackRequest request = requests[next];
            next = next + 1 == requests.length ? 0 : next + 1;
            return request;
        }
    }

    @Benchmark
    public String plain(Plain plain, Cursor cursor) {
        return plain.endpoint.plain(cursor.next(plain.requests));
    }

    @Benchmark
    public String safe(Safe safe, Cursor cursor) {
        return safe.endpoint.safe(cursor.next(safe.requests));
    }

    @Benchmark
    public String redisPlain(RedisPlain redis, Cursor cursor) {
        return redis.plain(cursor.next(redis.requests));
    }

    /** One {@code PING} through the same client as {@code redisPlain}: what a round trip costs on its own. */
    @Benchmark
    public String redisPing(BareRedis redis) {
        return redis.commands.ping();
    }
}
