package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Redis failing over while {@link Players} play: the runs the topology tests share. */
final class WhilePlaying {

    private WhilePlaying() {
    }

    /**
     * Every player plays whole games (2 to 4 misses each) while {@code failover} runs, once every
     * player won a game; returns when every player also won a game begun after it returned.
     *
     * @return how long {@code failover} took
     */
    static Duration failover(Players players, Runnable failover, Duration giveUp) throws Exception {
        int count = players.all().size();
        CountDownLatch playing = new CountDownLatch(count);
        AtomicLong failedOverAt = new AtomicLong();
        CountDownLatch wonAfter = new CountDownLatch(count);
        Set<String> counted = ConcurrentHashMap.newKeySet();
        players.eachUntilStopped(player -> {
            boolean begunAfter = failedOverAt.get() != 0;
            player.playGame(2 + player.gamesWon() % 3);
            playing.countDown();
            if (begunAfter && counted.add(player.openid())) {
                wonAfter.countDown();
            }
        });
        try {
            assertThat(playing.await(giveUp.toSeconds(), TimeUnit.SECONDS)).as("games under way").isTrue();
            long start = System.nanoTime();
            failover.run();
            failedOverAt.set(System.nanoTime());
            assertThat(wonAfter.await(giveUp.toSeconds(), TimeUnit.SECONDS))
                    .as("every player won a game begun after the failover").isTrue();
            return Duration.ofNanos(failedOverAt.get() - start);
        } finally {
            players.stop();
        }
    }

    /** What {@link #crash} saw: when the master was killed and replaced, and when each player was answered again. */
    record Crash(long killedAt, long replacedAt, boolean resumed, Map<String, Long> answeredAgainMillis) {

        long replacedAfterMillis() {
            return TimeUnit.NANOSECONDS.toMillis(replacedAt - killedAt);
        }
    }

    /**
     * Every player misses again and again (a game under way) while a master is killed:
     * {@code kill} runs once messages flow, then {@code awaitReplaced} waits for the new master
     * and returns when it serves ({@link System#nanoTime()}); returns when every player was
     * answered after that, or {@code giveUp} after it.
     */
    static Crash crash(Players players, Runnable kill, LongSupplier awaitReplaced, Duration giveUp) throws Exception {
        int count = players.all().size();
        CountDownLatch playing = new CountDownLatch(5 * count);
        AtomicLong replacedAt = new AtomicLong();
        CountDownLatch answeredAfter = new CountDownLatch(count);
        Map<String, Long> answeredAgain = new ConcurrentHashMap<>();
        players.eachUntilStopped(player -> {
            player.miss();
            playing.countDown();
            long replaced = replacedAt.get();
            if (replaced != 0 && player.lastAnswerAt() - replaced > 0
                    && answeredAgain.putIfAbsent(player.openid(),
                            TimeUnit.NANOSECONDS.toMillis(player.lastAnswerAt() - replaced)) == null) {
                answeredAfter.countDown();
            }
        });
        try {
            assertThat(playing.await(giveUp.toSeconds(), TimeUnit.SECONDS)).as("games under way").isTrue();
            long killedAt = System.nanoTime();
            kill.run();
            long replaced = awaitReplaced.getAsLong();
            replacedAt.set(replaced);
            boolean resumed = answeredAfter.await(giveUp.toSeconds(), TimeUnit.SECONDS);
            return new Crash(killedAt, replaced, resumed, new TreeMap<>(answeredAgain));
        } finally {
            players.stop();
        }
    }
}
