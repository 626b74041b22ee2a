package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.redis.RedisClusterProcess;
import io.github.wxsession.redis.Resp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
class RedisClusterNumberGameTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private static final int PLAYERS = 12;
    /** The sample's {@code wx.app-id}: the session keys' hash tag starts with it. */
    private static final String APP_ID = "wx-sample-app";
    /** Longer than a failover and a sender's lock lease (10 s) run out. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static SampleInstances apps;

    private final RedisClusterProcess cluster = CLUSTER.cluster();
    private final Queue<String> wrong = new ConcurrentLinkedQueue<>();
    private Players players;

    @BeforeAll
    static void startTwoInstances() {
        apps = SampleInstances.start(2, "spring.data.redis.cluster.nodes=" + CLUSTER.cluster().nodesProperty(),
                "spring.data.redis.timeout=500ms");
    }

    @AfterAll
    static void stopInstances() {
        if (apps != null) {
            apps.close();
        }
    }

    @AfterEach
    void stopPlayers() {
        if (players != null) {
            players.close();
        }
    }

    @Test
    @Order(1)
    void everyGameOnTwoInstancesIsExactAndTheSessionsLiveOnEveryMaster() throws Exception {
        WeChatRetries weChat = new WeChatRetries(apps.callbacks(), GIVE_UP);
        players = new Players(players(weChat));

        players.eachOnce(player -> {
            player.playGame(2);
            player.playGame(5);
        });

        assertThat(apps.connectionFactory(0)).isInstanceOfSatisfying(LettuceConnectionFactory.class,
                factory -> assertThat(factory.getClusterConfiguration()).as("a cluster connection").isNotNull());
        assertThat(wrong).as("wrong replies").isEmpty();
        assertThat(weChat.unexpected()).as("answers other than 200 or 503").isEmpty();
        assertThat(players.all()).allSatisfy(player -> assertThat(player.gamesWon()).isEqualTo(2));
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
        WeChatRetries weChat = new WeChatRetries(apps.callbacks(), GIVE_UP);
        players = new Players(players(weChat));
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
        WeChatRetries weChat = new WeChatRetries(apps.callbacks(), GIVE_UP);
        players = new Players(players(weChat));
        players.eachOnce(player -> {
            player.startGame();
            player.miss();
        });
        cluster.masters().forEach(cluster::awaitReplicated); // the games' starts survive the kill
        String victim = cluster.masterFor(sessionKey(players.all().get(0).openid()));
        String replica = cluster.replicasOf(victim).get(0);
        Set<String> onVictim = new TreeSet<>();
        players.all().stream().map(GamePlayer::openid).filter(openid -> cluster.masterFor(sessionKey(openid)).equals(victim))
                .forEach(onVictim::add);

        WhilePlaying.Crash crash;
        long restart;
        try {
            crash = WhilePlaying.crash(players, () -> cluster.kill(victim),
                    () -> cluster.awaitPromotion(replica, GIVE_UP), GIVE_UP);
        } finally {
            long restartStart = System.nanoTime();
            cluster.restart(victim); // as a replica of the one promoted
            restart = System.nanoTime() - restartStart;
        }
        long refusedThen = weChat.refused();
        Map<String, Integer> lost = new ConcurrentSkipListMap<>();
        AtomicInteger missesAnswered = new AtomicInteger();
        players.eachOnce(player -> {
            missesAnswered.addAndGet(player.misses());
            lost.put(player.openid(), player.hitAfterLoss(onVictim.contains(player.openid()) ? 1 : 0));
            player.playGame(3);
        });

        System.out.printf("cluster, kill -9 of master %s (sessions of %s) while %d players play: %s promoted after %d ms;"
                + " each player answered again this many ms after the promotion: %s; %d misses answered, by player"
                + " how many the games did not count: %s; attempts %s; longest a message was refused %d ms;"
                + " the killed node back as a replica in %d ms%n", victim, onVictim, PLAYERS, replica,
                crash.replacedAfterMillis(), crash.answeredAgainMillis(), missesAnswered.get(), lost, weChat.attempts(),
                weChat.longestOutage().toMillis(), millis(restart));
        assertThat(crash.resumed()).as("every player answered again after the promotion, nothing restarted").isTrue();
        assertThat(refusedThen).as("the outage was answered 503").isPositive();
        assertThat(wrong).as("wrong replies (a lost move beyond the last acknowledged one on the dead master"
                + " counts as wrong)").isEmpty();
        assertThat(weChat.unexpected()).as("answers other than 200 or 503").isEmpty();
        assertThat(players.all()).allSatisfy(player -> assertThat(player.gamesWon()).isEqualTo(2));
    }

    /** {@value #PLAYERS} players, as many on each master (by the key their session has). */
    private List<GamePlayer> players(WeChatRetries weChat) {
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
        return byMaster.values().stream().flatMap(List::stream)
                .map(openid -> new GamePlayer(openid, weChat, apps.sessions(0), wrong)).toList();
    }

    private int gamesWon() {
        return players.all().stream().mapToInt(GamePlayer::gamesWon).sum();
    }

    private static String sessionKey(String openid) {
        return "wx:{" + APP_ID + ":" + openid + "}:s";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
