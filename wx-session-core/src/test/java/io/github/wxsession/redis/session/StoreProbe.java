package io.github.wxsession.redis.session;

import io.github.wxsession.redis.WxRedisUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks the store one question every 20 ms on a thread of its own while a test breaks Redis, and
 * writes down each answer with its time: right, unavailable ({@link WxRedisUnavailableException},
 * which the application answers with a 503), or wrong (anything else). Times are
 * {@link System#nanoTime()} values, to compare with what the harnesses return.
 */
final class StoreProbe implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 20;

    /** One answer: {@code right}, {@code unavailable}, or {@code WRONG: } and what was wrong. */
    record Reading(long at, String outcome) {
        boolean right() {
            return "right".equals(outcome);
        }

        boolean unavailable() {
            return "unavailable".equals(outcome);
        }
    }

    private final Supplier<String> question;
    private final List<Reading> readings = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param question asks the store; answers {@code null} if the answer was right, else what was
     *        wrong with it
     */
    static StoreProbe start(String name, Supplier<String> question) {
        return new StoreProbe(name, question);
    }

    private StoreProbe(String name, Supplier<String> question) {
        this.question = question;
        this.thread = new Thread(this::run, "store-probe-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            String outcome;
            try {
                String wrong = question.get();
                outcome = wrong == null ? "right" : "WRONG: " + wrong;
            } catch (WxRedisUnavailableException e) {
                outcome = "unavailable";
            } catch (RuntimeException e) {
                outcome = "WRONG: threw " + e;
            }
            synchronized (this) {
                readings.add(new Reading(System.nanoTime(), outcome));
                notifyAll();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** When the first right answer given after {@code instant} came, waiting for it up to {@code timeout}. */
    synchronized OptionalLong awaitRightAfter(long instant, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Reading reading : readings) {
                if (reading.at() - instant > 0 && reading.right()) {
                    return OptionalLong.of(reading.at());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return OptionalLong.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** When the first unavailable answer given after {@code instant} came, if any. */
    synchronized OptionalLong firstUnavailableAfter(long instant) {
        return readings.stream().filter(r -> r.at() - instant > 0 && r.unavailable()).mapToLong(Reading::at).findFirst();
    }

    synchronized long count(boolean unavailable, long from, long to) {
        return readings.stream()
                .filter(r -> r.at() - from > 0 && r.at() - to <= 0 && (unavailable ? r.unavailable() : r.right()))
                .count();
    }

    /** Every answer that was neither right nor unavailable. */
    synchronized List<String> wrongAnswers() {
        List<String> wrong = new ArrayList<>();
        for (Reading reading : readings) {
            if (!reading.right() && !reading.unavailable()) {
                wrong.add(reading.outcome());
            }
        }
        return wrong;
    }

    @Override
    public void close() throws InterruptedException {
        // Not interrupted: a store call cut short that way would read as a wrong answer. It ends
        // within its command timeout.
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
