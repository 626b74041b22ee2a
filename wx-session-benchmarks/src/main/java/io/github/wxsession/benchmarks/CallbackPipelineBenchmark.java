package io.github.wxsession.benchmarks;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.router.InMemoryWxMessageDuplicateChecker;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * The per-message work of a callback without HTTP, on the sample's number game: 10,000 users,
 * 10% {@code guess}, 85% a number, 5% other text, sessions and de-duplication in memory.
 *
 * <ul>
 * <li>{@code plain}: verify the 3-field signature, parse the body, route (de-duplication
 *     included), answer the reply XML.
 * <li>{@code safe}: parse the envelope, verify the {@code msg_signature} and decrypt, parse,
 *     route, encrypt and sign the reply envelope.
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
    private static final long MESSAGES_PER_TTL = InMemoryWxMessageDuplicateChecker.DEFAULT_TTL.toMillis();
    private static final long SEED = 20_240_501L;

    /** One account's endpoint with a game started for every user. */
    public abstract static class Endpoint {

        final WxMessageCrypt crypt = WxMessageCrypt.of(GameTraffic.TOKEN, GameTraffic.AES_KEY, GameTraffic.APP_ID);
        final GameTraffic traffic = new GameTraffic(SEED);
        CallbackEndpoint endpoint;
        CallbackRequest[] requests;

        void open(CallbackRequest[] requests) {
            this.requests = requests;
            endpoint = new CallbackEndpoint(crypt, new TickingClock(Instant.now()));
            endpoint.startGames(traffic.users());
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
    public static class Plain extends Endpoint {

        @Setup(Level.Trial)
        public void open() {
            open(traffic.plain(REQUESTS));
        }
    }

    @State(Scope.Benchmark)
    public static class Safe extends Endpoint {

        @Setup(Level.Trial)
        public void open() {
            open(traffic.safe(REQUESTS, crypt));
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
}
