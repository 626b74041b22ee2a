package io.github.wxsession.redis.session;

import io.github.wxsession.api.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * The pauses of one bounded wait for something another instance holds (a session lock, a message
 * in progress): short at first, since those are held for milliseconds, doubling up to a cap, and
 * never past the deadline. Timed on the injected clock, so tests move it instead of waiting.
 */
final class Backoff {

    static final long FIRST_PAUSE_MILLIS = 2;
    static final long MAX_PAUSE_MILLIS = 50;

    private final Clock clock;
    private final Sleeper sleeper;
    private final long deadline;
    private long pause = FIRST_PAUSE_MILLIS;

    Backoff(Clock clock, Sleeper sleeper, Duration maxWait) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.deadline = clock.millis() + maxWait.toMillis();
    }

    /**
     * Pauses before the next attempt.
     *
     * @return {@code false} if the wait is used up (or the thread was interrupted, whose flag stays set)
     */
    boolean pause() {
        long remaining = deadline - clock.millis();
        if (remaining <= 0) {
            return false;
        }
        try {
            sleeper.sleep(Duration.ofMillis(Math.min(pause, remaining)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        return true;
    }
}
