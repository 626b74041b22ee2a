package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * Two instances of the sample application on one Redis topology, played over HTTP by users whose
 * messages alternate between the instances, each reply checked exactly. A subclass starts
 * {@link #apps} in its {@code @BeforeAll} and names its players.
 */
abstract class TwoInstanceGames {

    /** The sample's {@code wx.app-id}: the session keys' hash tag starts with it. */
    static final String APP_ID = "wx-sample-app";
    /** Longer than a failover and a sender's lock lease (10 s) run out. */
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    static SampleInstances apps;

    final Queue<String> wrong = new ConcurrentLinkedQueue<>();
    Players players;

    @AfterAll
    static void stopInstances() {
        if (apps != null) {
            apps.close();
            apps = null;
        }
    }

    @AfterEach
    void stopPlayers() {
        if (players != null) {
            players.close();
        }
    }

    /** The players' openids. */
    abstract List<String> openids();

    /** New {@link #players} and the WeChat that carries their messages. */
    WeChatRetries newPlayers() {
        WeChatRetries weChat = new WeChatRetries(apps.callbacks(), GIVE_UP);
        players = new Players(openids().stream()
                .map(openid -> new GamePlayer(openid, weChat, apps.sessions(0), wrong)).toList());
        return weChat;
    }

    /** No wrong reply, nothing but 200 and 503, and every player won {@code games}. */
    void assertAllRight(WeChatRetries weChat, int games) {
        assertThat(wrong).as("wrong replies (a lost move beyond the last acknowledged one counts as wrong)").isEmpty();
        assertThat(weChat.unexpected()).as("answers other than 200 or 503").isEmpty();
        assertThat(players.all()).allSatisfy(player -> assertThat(player.gamesWon()).isEqualTo(games));
    }

    /** Brings a killed node back. */
    @FunctionalInterface
    interface NodeRestart {
        void run() throws IOException;
    }

    /** What {@link #crashWhilePlaying} saw. */
    record CrashRun(WhilePlaying.Crash crash, long restartNanos, long refused, Map<String, Integer> lost,
            int missesAnswered) {
    }

    /**
     * Every player starts a game and misses once, the starts are replicated, then a node is killed
     * while they play on; the dead node comes back (as a replica) however it went, and each player
     * finishes the game under way.
     *
     * @param mayHaveLostAMove whose last acknowledged move may not have been replicated
     */
    CrashRun crashWhilePlaying(WeChatRetries weChat, Runnable awaitReplicated, Runnable kill, LongSupplier awaitReplaced,
            NodeRestart restart, Predicate<String> mayHaveLostAMove) throws Exception {
        players.eachOnce(player -> {
            player.startGame();
            player.miss();
        });
        awaitReplicated.run();
        WhilePlaying.Crash crash;
        long restartNanos;
        try {
            crash = WhilePlaying.crash(players, kill, awaitReplaced, GIVE_UP);
        } finally {
            long restartStart = System.nanoTime();
            restart.run();
            restartNanos = System.nanoTime() - restartStart;
        }
        long refused = weChat.refused();
        Map<String, Integer> lost = new ConcurrentSkipListMap<>();
        AtomicInteger missesAnswered = new AtomicInteger();
        players.eachOnce(player -> {
            missesAnswered.addAndGet(player.misses());
            lost.put(player.openid(), player.hitAfterLoss(mayHaveLostAMove.test(player.openid()) ? 1 : 0));
            player.playGame(3);
        });
        return new CrashRun(crash, restartNanos, refused, lost, missesAnswered.get());
    }

    /** The crash was answered 503, never wrongly, and every game went on by itself. */
    void assertSurvived(CrashRun run, WeChatRetries weChat) {
        assertThat(run.crash().resumed()).as("every player answered again after the replacement, nothing restarted")
                .isTrue();
        assertThat(run.refused()).as("the outage was answered 503").isPositive();
        assertAllRight(weChat, 2);
    }

    int gamesWon() {
        return players.all().stream().mapToInt(GamePlayer::gamesWon).sum();
    }

    static String sessionKey(String openid) {
        return "wx:{" + APP_ID + ":" + openid + "}:s";
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
