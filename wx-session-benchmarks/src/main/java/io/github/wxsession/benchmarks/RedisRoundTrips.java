package io.github.wxsession.benchmarks;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What Redis mode costs per message in round trips and commands, in the three cases the
 * throughput benchmark does not separate, on a fresh private {@code redis-server}:
 * <ol>
 * <li>the game's first {@value #MESSAGES} messages on an empty store, where many senders write
 *     for the first time and their sessions are created;
 * <li>the same messages again, as WeChat's retries: each answered from the de-duplication cache;
 * <li>the next {@value #MESSAGES} messages once every user has a session: the steady state the
 *     benchmark measures.
 * </ol>
 *
 * <p>Run: {@code java -cp wx-session-benchmarks/target/benchmarks.jar io.github.wxsession.benchmarks.RedisRoundTrips}
 */
public final class RedisRoundTrips {

    private static final int MESSAGES = 1_000;
    private static final long SEED = 20_240_501L;

    private RedisRoundTrips() {
    }

    public static void main(String[] args) throws IOException {
        WxMessageCrypt crypt = WxMessageCrypt.of(GameTraffic.TOKEN, GameTraffic.AES_KEY, GameTraffic.APP_ID);
        GameTraffic traffic = new GameTraffic(SEED);
        CallbackRequest[] requests = traffic.plain(2 * MESSAGES);
        CallbackRequest[] first = Arrays.copyOfRange(requests, 0, MESSAGES);
        CallbackRequest[] next = Arrays.copyOfRange(requests, MESSAGES, 2 * MESSAGES);
        try (LocalRedisServer server = LocalRedisServer.start()) {
            LettuceConnectionFactory connections = server.connectionFactory();
            // The production de-duplication TTL: this run is too short for any record to expire.
            try (CallbackEndpoint endpoint = CallbackEndpoint.redis(crypt, connections,
                    new TickingClock(Instant.now()), Duration.ofSeconds(60))) {
                System.out.println("1. first messages, " + distinctSenders(first) + " of them a sender's first:");
                run(server, endpoint, first);
                System.out.println("2. the same messages again, as retries:");
                run(server, endpoint, first);
                endpoint.startGames(traffic.users());
                System.out.println("3. later messages, every sender's session created:");
                run(server, endpoint, next);
            } finally {
                connections.destroy();
            }
        }
    }

    /** Handles {@code requests}, printing the round trips from MONITOR and all commands from the counters. */
    private static void run(LocalRedisServer server, CallbackEndpoint endpoint, CallbackRequest[] requests) {
        server.resetStats();
        Map<String, Integer> sent = server.clientCommandsDuring(() -> {
            for (CallbackRequest request : requests) {
                endpoint.plain(request);
            }
        });
        int roundTrips = sent.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("  %.3f round trips per message (MONITOR): %s%n", (double) roundTrips / requests.length,
                sent);
        System.out.println(RedisCommandCounts.read(server, requests.length).report());
    }

    private static int distinctSenders(CallbackRequest[] requests) {
        Set<String> senders = new HashSet<>();
        for (CallbackRequest request : requests) {
            senders.add(WxXmlMessage.fromXml(request.body()).getFromUserName());
        }
        return senders.size();
    }
}
