package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.Resp;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.test.MutableClock;
import io.lettuce.core.ReadFrom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * An application that reads from replicas ({@code spring.data.redis.lettuce.read-from}, or
 * {@link ReadFrom#REPLICA} on its Lettuce configuration): the store's own reads must still go to
 * the masters, since a replica may not have received the store's last write yet. Counted by the
 * replicas' {@code INFO commandstats}: replication brings them writes only, so every read they
 * count came from a client.
 */
final class ReplicaReads {

    /** Every command the store could read session state with, by its commandstats name. */
    private static final List<String> READS = List.of("get", "mget", "hget", "hmget", "hgetall", "hexists", "exists",
            "scan", "type", "ttl", "pttl", "eval", "evalsha", "eval_ro", "evalsha_ro");
    private static final AtomicLong MSG_IDS = new AtomicLong(31_000_000);

    private ReplicaReads() {
    }

    /**
     * Runs the store's every kind of read on {@code factory}, configured to read from replicas,
     * and asserts that none reached a replica, while a plain read of the application's does.
     */
    static void assertTheStoreReadsOnlyMasters(LettuceConnectionFactory factory, List<String> replicas,
            MutableClock clock) {
        replicas.forEach(replica -> Resp.call(replica, "CONFIG", "RESETSTAT"));
        RedisWxSessionStore store = RedisWxSessionStore.builder(factory).appId("wxreplica").clock(clock)
                .maxActiveSessions(1000).build();
        try (WxMessageRouter instance = RedisGateTestSupport.countingInstance(store)) {
            for (int i = 0; i < 30; i++) {
                for (int message = 0; message < 2; message++) {
                    instance.route(RedisGateTestSupport.text(MSG_IDS.incrementAndGet(), "oReader" + i, "n"));
                }
            }
            assertThat(store.getSession("oReader7", false).getAttribute("n")).isEqualTo(2);
            assertThat(store.getActiveSessionCount()).isEqualTo(30);
            try (RedisSessionScope scope = store.openScope("oReader8", false)) {
                assertThat(store.getSession("oReader8", false).getLastAccessedTime()).isPositive();
            }
            clock.advance(Duration.ofMinutes(31));
            assertThat(store.getSession("oReader9", false)).as("idle past its timeout").isNull();
            assertThat(store.expireStaleSessions()).isEqualTo(29);
        } finally {
            store.stop();
        }
        Map<String, Long> storeReads = readsServed(replicas);

        new StringRedisTemplate(factory).opsForValue().get("wx:{wxreplica}:n");

        assertThat(storeReads).as("reads of the store that replicas served").isEmpty();
        assertThat(readsServed(replicas)).as("the application's own read goes to a replica, as it asked")
                .containsKey("get");
    }

    /** The read commands {@code replicas} served since their stats were reset, with their counts. */
    private static Map<String, Long> readsServed(List<String> replicas) {
        Map<String, Long> served = new TreeMap<>();
        for (String replica : replicas) {
            Map<String, String> stats = Resp.fields(Resp.text(replica, "INFO", "commandstats"));
            for (String read : READS) {
                String line = stats.get("cmdstat_" + read);
                if (line != null) {
                    served.merge(read, Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(','))),
                            Long::sum);
                }
            }
        }
        return served;
    }
}
