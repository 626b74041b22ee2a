package io.github.wxsession.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The sentinel harness itself: its shape, and a crashed master replaced and brought back. Its
 * {@code SENTINEL FAILOVER} is exercised by {@code session.RedisSentinelFailoverTest}.
 */
class RedisSentinelProcessTest {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private final RedisSentinelProcess set = SENTINEL.sentinel();

    @Test
    void startsAMasterWithAConnectedReplicaWatchedByThreeSentinels() {
        String master = set.master();

        assertThat(set.sentinels()).hasSize(3).allMatch(node -> node.startsWith("127.0.0.1:"));
        assertThat(set.servers()).hasSize(2).contains(master);
        assertThat(set.role(master)).isEqualTo("master");
        assertThat(set.replicas()).hasSize(1).allMatch(replica -> set.masterOf(replica).equals(master));
        StringRedisTemplate redis = new StringRedisTemplate(SENTINEL.newConnectionFactory());
        redis.opsForValue().set("k", "v");
        assertThat(Resp.text(master, "GET", "k")).as("written to the named master").isEqualTo("v");
        assertThat(redis.opsForValue().get("k")).isEqualTo("v");
    }

    @Test
    void aKilledMasterIsReplacedAndComesBackAsAReplica() throws Exception {
        String master = set.master();
        String replica = set.replicas().get(0);
        Resp.call(master, "SET", "kept", "yes");
        set.awaitReplicated();

        long killed = System.nanoTime();
        set.kill(master);
        long switched = set.awaitSwitch(master, Duration.ofSeconds(30));
        System.out.printf("kill -9 of %s: every sentinel names %s after %d ms%n", master, set.master(),
                (switched - killed) / 1_000_000);

        assertThat(set.master()).isEqualTo(replica);
        assertThat(Resp.text(replica, "GET", "kept")).isEqualTo("yes");
        set.restart(master);
        assertThat(set.masterOf(master)).isEqualTo(replica);
        assertThat(Resp.text(master, "GET", "kept")).as("synced from the new master").isEqualTo("yes");
    }
}
