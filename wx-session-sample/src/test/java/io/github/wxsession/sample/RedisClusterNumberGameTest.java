package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.redis.RedisClusterProcess;
import io.github.wxsession.redis.Resp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Two instances of the sample application on one Redis Cluster (3 masters, 3 replicas, real
 * processes), configured only by {@code spring.data.redis.cluster.nodes} and
 * {@code spring.data.redis.timeout}, played over HTTP by {@value #PLAYERS} users whose messages
 * alternate between the instances: every game's replies exactly right, while the cluster runs,
 * while a replica takes over by {@code CLUSTER FAILOVER}, and after a master is killed.
 * <p>
 * The kill runs last (the order is fixed) and brings the killed node back as a replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterNumberGameTest extends TwoInstanceGames {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private static final int PLAYERS = 12;

    private final RedisClusterProcess cluster = CLUSTER.cluster();

    @BeforeAll
    static void startTwoInstances() {
        apps = SampleInstances.start(2, "spring.data.redis.cluster.nodes=" + CLUSTER.cluster().nodesProperty(),
                "spring.data.redis.timeout=500ms");
    }

    @Test
    @Order(1)
    void everyGameOnTwoInstancesIsExactAndTheSessionsLiveOnEveryMaster() throws Exception {
        WeChatRetries weChat = newPlayers();

        players.eachOnce(player -> {
            player.playGame(2);
            player.playGame(5);
        });

        assertThat(apps.connectionFactory(0)).isInstanceOfSatisfying(LettuceConnectionFactory.class,
                factory -> assertThat(factory.getClusterConfiguration()).as("a cluster connection").isNotNull());
        assertAllRight(weChat, 2);
        Map<String, Long> keysByMaster = new TreeMap<>();
        for (String master : cluster.masters()) {
            keysByMaster.put(master, cluster.keyCount(master));
        }
        assertThat(keysByMaster).as("keys on each master").hasSize(3).allSatisfy((master, keys) -> assertThat(keys).isPositive());
        for (GamePlayer player : players.all()) {
            String key = sessionKey(player.openid());
            assertThat(Resp.call(cluster.masterFor(key), "EXISTS", key)).as(key + " on its master").isEqualTo(1L);
        }
        System.out.printf("cluster, 2 instances: %d players won 2 games each, %d messages; attempts %s; keys by master %s%n",
                PLAYERS, weChat.answered(), weChat.attempts(), keysByMaster);
    }

    @Test
    @Order(2)
    void aClusterFailoverWhileGamesGoOnLosesNoMoveOfAnyGame() throws Exception {
        WeChatRetries weChat = newPlayers();
        String master = cluster.masterFor(sessionKey(players.all().get(0).openid()));
        String replica = cluster.replicasOf(master).get(0);

        Duration failover = WhilePlaying.failover(players, () -> cluster.failover(replica), GIVE_UP);

        System.out.printf("cluster, CLUSTER FAILOVER %s -> %s while %d players play: healthy after %d ms; %d games won,"
                + " %d messages; attempts %s; longest a message was refused %d ms%n", master, replica, PLAYERS,
                failover.toMillis(), gamesWon(), weChat.answered(), weChat.attempts(), weChat.longestOutage().toMillis());
        assertThat(cluster.masterFor(sessionKey(players.all().get(0).openid()))).as("the replica took over").isEqualTo(replica);
        assertThat(wrong).as("wrong replies").isEmpty();
        assertThat(weChat.unexpected()).as("answers other than 200 or 503").isEmpty();
    }

    @Test
    @Order(3)
    void aKilledMasterIsAnswered503UntilItsReplicaTakesOverNeverWronglyAndEveryGameGoesOn() throws Exception {
        WeChatRetries weChat = newPlayers();
        String victim = cluster.masterFor(sessionKey(players.all().get(0).openid()));
        String replica = cluster.replicasOf(victim).get(0);
        Set<String> onVictim = new TreeSet<>();
        players.all().stream().map(GamePlayer::openid).filter(openid -> cluster.masterFor(sessionKey(openid)).equals(victim))
                .forEach(onVictim::add);

        CrashRun run = crashWhilePlaying(weChat, () -> cluster.masters().forEach(cluster::awaitReplicated),
                () -> cluster.kill(victim), () -> cluster.awaitPromotion(replica, GIVE_UP),
                () -> cluster.restart(victim), onVictim::contains);

        System.out.printf("cluster, kill -9 of master %s (sessions of %s) while %d players play: %s promoted after %d ms;"
                + " each player answered again this many ms after the promotion: %s; %d misses answered, by player"
                + " how many the games did not count: %s; attempts %s; longest a message was refused %d ms;"
                + " the killed node back as a replica in %d ms%n", victim, onVictim, PLAYERS, replica,
                run.crash().replacedAfterMillis(), run.crash().answeredAgainMillis(), run.missesAnswered(), run.lost(),
                weChat.attempts(), weChat.longestOutage().toMillis(), millis(run.restartNanos()));
        assertSurvived(run, weChat);
    }

    /** {@value #PLAYERS} players, as many on each master (by the key their session has). */
    @Override
    List<String> openids() {
        Map<String, List<String>> byMaster = new TreeMap<>();
        cluster.masters().forEach(master -> byMaster.put(master, new ArrayList<>()));
        int perMaster = PLAYERS / byMaster.size();
        for (int i = 0; byMaster.values().stream().anyMatch(openids -> openids.size() < perMaster); i++) {
            String openid = "oPlayer" + i;
            List<String> openids = byMaster.get(cluster.masterFor(sessionKey(openid)));
            if (openids.size() < perMaster) {
                openids.add(openid);
            }
        }
        return byMaster.values().stream().flatMap(List::stream).toList();
    }
}
