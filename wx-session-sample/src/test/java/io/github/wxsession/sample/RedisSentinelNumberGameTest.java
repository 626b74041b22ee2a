package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisSentinelExtension;
import io.github.wxsession.redis.RedisSentinelProcess;
import io.github.wxsession.redis.Resp;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.session.WxSession;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Two instances of the sample application on a Redis Sentinel set (a master, a replica, three
 * sentinels, real processes), configured only by {@code spring.data.redis.sentinel.master},
 * {@code spring.data.redis.sentinel.nodes} and {@code spring.data.redis.timeout}, played over
 * HTTP by {@value #PLAYERS} users whose messages alternate between the instances: every game's
 * replies exactly right, across a {@code SENTINEL FAILOVER} between moves, and after the master
 * is killed.
 * <p>
 * The order is fixed: the kill brings the killed server back as a replica, which the failover
 * then promotes; the failover runs last because Sentinel demotes the old master only some 10 s
 * after it, and a test after it would wait for that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelNumberGameTest extends TwoInstanceGames {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private static final int PLAYERS = 8;

    private final RedisSentinelProcess set = SENTINEL.sentinel();

    @BeforeAll
    static void startTwoInstances() {
        RedisSentinelProcess set = SENTINEL.sentinel();
        apps = SampleInstances.start(2, "spring.data.redis.sentinel.master=" + set.masterName(),
                "spring.data.redis.sentinel.nodes=" + String.join(",", set.sentinels()), "spring.data.redis.timeout=500ms");
    }

    @Test
    @Order(1)
    void everyGameOnTwoInstancesIsExactAndTheSessionsLiveOnTheMaster() throws Exception {
        WeChatRetries weChat = newPlayers();

        players.eachOnce(player -> {
            player.playGame(2);
            player.playGame(5);
        });

        assertThat(apps.connectionFactory(0)).isInstanceOfSatisfying(LettuceConnectionFactory.class,
                factory -> assertThat(factory.getSentinelConfiguration()).as("a sentinel connection").isNotNull());
        assertAllRight(weChat, 2);
        String master = set.master();
        for (GamePlayer player : players.all()) {
            String key = sessionKey(player.openid());
            assertThat(Resp.call(master, "EXISTS", key)).as(key + " on the master").isEqualTo(1L);
        }
        System.out.printf("sentinel, 2 instances: %d players won 2 games each, %d messages; attempts %s%n", PLAYERS,
                weChat.answered(), weChat.attempts());
    }

    @Test
    @Order(2)
    void aKilledMasterIsAnswered503UntilTheSwitchNeverWronglyAndEveryGameGoesOn() throws Exception {
        WeChatRetries weChat = newPlayers();
        String victim = set.master();

        CrashRun run = crashWhilePlaying(weChat, set::awaitReplicated, () -> set.kill(victim),
                () -> set.awaitSwitch(victim, GIVE_UP), () -> set.restart(victim), openid -> true);

        System.out.printf("sentinel, kill -9 of master %s while %d players play: every sentinel named %s after %d ms;"
                + " each player answered again this many ms after the switch: %s; %d misses answered, by player how"
                + " many the games did not count: %s; attempts %s; longest a message was refused %d ms; the killed"
                + " server back as a replica in %d ms%n", victim, PLAYERS, set.master(), run.crash().replacedAfterMillis(),
                run.crash().answeredAgainMillis(), run.missesAnswered(), run.lost(), weChat.attempts(),
                weChat.longestOutage().toMillis(), millis(run.restartNanos()));
        assertSurvived(run, weChat);
    }

    @Test
    @Order(3)
    void aSentinelFailoverBetweenMovesLosesNoMoveOfAnyGame() throws Exception {
        WeChatRetries weChat = newPlayers();
        players.eachOnce(player -> {
            player.playGame(2);
            player.startGame();
            player.miss();
            player.miss();
        });
        String old = set.master();

        long start = System.nanoTime();
        String promoted = set.failover();
        long switched = System.nanoTime() - start;
        players.eachOnce(player -> {
            player.miss();
            player.hit();
            player.playGame(3);
            player.startGame();
            player.miss();
        });
        // The old master takes writes until Sentinel demotes it, some 10 s on, and then drops them
        // all: a move it took would still be answered right until then, so ask the new master.
        Map<String, String> onNewMaster = gamesOn(promoted);
        Map<String, String> expected = new TreeMap<>();
        players.all().forEach(player -> expected.put(player.openid(), player.number() + " after " + player.misses() + " miss"));
        players.eachOnce(GamePlayer::hit);

        System.out.printf("sentinel, SENTINEL FAILOVER %s -> %s between moves of %d players: every sentinel named the"
                + " new master after %d ms; %d games won, %d messages; attempts %s; longest a message was refused %d ms%n",
                old, promoted, PLAYERS, millis(switched), gamesWon(), weChat.answered(), weChat.attempts(),
                weChat.longestOutage().toMillis());
        assertThat(promoted).as("a new master").isNotEqualTo(old);
        assertThat(onNewMaster).as("the games under way, as the new master holds them").isEqualTo(expected);
        assertAllRight(weChat, 4);
    }

    @Override
    List<String> openids() {
        return IntStream.range(0, PLAYERS).mapToObj(i -> "oPlayer" + i).toList();
    }

    /** Each player's game as {@code node} alone holds it ({@code <number> after <tries> miss}), read through a store of its own. */
    private Map<String, String> gamesOn(String node) {
        int colon = node.lastIndexOf(':');
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1))));
        connections.afterPropertiesSet();
        RedisWxSessionStore store = RedisWxSessionStore.builder(connections).appId(APP_ID).build();
        try {
            Map<String, String> games = new TreeMap<>();
            for (GamePlayer player : players.all()) {
                WxSession session = store.getSession(player.openid(), false);
                games.put(player.openid(), session == null ? "no session"
                        : session.getAttribute(NumberGame.NUMBER) + " after " + session.getAttribute(NumberGame.TRIES) + " miss");
            }
            return games;
        } finally {
            store.stop();
            connections.destroy();
        }
    }
}
