package io.github.wxsession.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The cluster harness itself: its shape, and failovers and crashes done to it. */
class RedisClusterProcessTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private final RedisClusterProcess cluster = CLUSTER.cluster();

    @Test
    void formsThreeMastersEachWithOneConnectedReplicaAndServesKeysOfEverySlot() {
        List<String> masters = cluster.masters();

        assertThat(cluster.nodes()).hasSize(6).allMatch(node -> node.startsWith("127.0.0.1:"));
        assertThat(cluster.nodesProperty()).isEqualTo(String.join(",", cluster.nodes()));
        assertThat(masters).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3);
        for (String master : masters) {
            assertThat(cluster.replicasOf(master)).as("replicas of %s", master).hasSize(1);
        }
        StringRedisTemplate redis = new StringRedisTemplate(CLUSTER.newConnectionFactory());
        for (int i = 0; i < 30; i++) {
            redis.opsForValue().set("k" + i, "v" + i);
        }
        assertThat(masters).allMatch(master -> cluster.keyCount(master) > 0);
        assertThat(cluster.masterFor("k7")).isIn(masters);
        assertThat(cluster.slotOf("{tag}a")).isEqualTo(cluster.slotOf("{tag}b"));
        assertThat(redis.opsForValue().get("k7")).isEqualTo("v7");
    }

    @Test
    void gracefulFailoverMakesTheReplicaTheMasterAndKeepsTheData() {
        StringRedisTemplate redis = new StringRedisTemplate(CLUSTER.newConnectionFactory());
        redis.opsForValue().set("kept", "yes");
        String master = cluster.masterFor("kept");
        String replica = cluster.replicasOf(master).get(0);

        long start = System.nanoTime();
        cluster.failover(replica);
        System.out.printf("CLUSTER FAILOVER of %s -> %s: healthy after %d ms%n", master, replica, millisSince(start));

        assertThat(cluster.masterFor("kept")).isEqualTo(replica);
        assertThat(cluster.masterOf(master)).as("the old master follows").isEqualTo(replica);
        assertThat(redis.opsForValue().get("kept")).isEqualTo("yes");
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaAndComesBackAsItsReplica() throws Exception {
        StringRedisTemplate redis = new StringRedisTemplate(CLUSTER.newConnectionFactory());
        redis.opsForValue().set("kept", "yes");
        String master = cluster.masterFor("kept");
        String replica = cluster.replicasOf(master).get(0);
        cluster.awaitReplicated(master);

        long killed = System.nanoTime();
        cluster.kill(master);
        long promoted = cluster.awaitPromotion(replica, Duration.ofSeconds(30));
        System.out.printf("kill -9 of %s: %s promoted after %d ms%n", master, replica, (promoted - killed) / 1_000_000);

        assertThat(cluster.masters()).hasSize(3).contains(replica).doesNotContain(master);
        assertThat(Resp.text(replica, "GET", "kept")).isEqualTo("yes");
        cluster.restart(master);
        assertThat(cluster.masterOf(master)).isEqualTo(replica);
        assertThat(cluster.replicasOf(replica)).containsExactly(master);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
