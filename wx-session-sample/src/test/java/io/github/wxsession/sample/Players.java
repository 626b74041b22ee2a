package io.github.wxsession.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** {@link GamePlayer}s playing at the same time, one thread each. */
final class Players implements AutoCloseable {

    /** Longer than any one message may take ({@link WeChatRetries}' deadline) and a game after it. */
    private static final long JOIN_SECONDS = 60;

    private final List<GamePlayer> players;
    private final ExecutorService threads;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Future<?>> running = new ArrayList<>();

    Players(List<GamePlayer> players) {
        this.players = List.copyOf(players);
        this.threads = Executors.newFixedThreadPool(players.size());
    }

    List<GamePlayer> all() {
        return players;
    }

    /** Every player takes {@code turn} once, all at the same time; returns when all did. */
    void eachOnce(Consumer<GamePlayer> turn) throws Exception {
        List<Future<?>> turns = new ArrayList<>();
        for (GamePlayer player : players) {
            turns.add(threads.submit(() -> turn.accept(player)));
        }
        join(turns);
    }

    /** Every player takes {@code turn} again and again, in the background, until {@link #stop()}. */
    void eachUntilStopped(Consumer<GamePlayer> turn) {
        for (GamePlayer player : players) {
            running.add(threads.submit(() -> {
                while (!stopped.get()) {
                    turn.accept(player);
                }
            }));
        }
    }

    /** Lets every player finish the turn under way, then returns; rethrows what a player's thread threw. */
    void stop() throws Exception {
        stopped.set(true);
        join(running);
        running.clear();
        stopped.set(false);
    }

    @Override
    public void close() {
        stopped.set(true);
        threads.shutdownNow();
    }

    private static void join(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            try {
                future.get(JOIN_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (Exception) e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("a player still playing after " + JOIN_SECONDS + " s", e);
            }
        }
    }
}
