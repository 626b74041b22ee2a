package io.github.wxsession.api;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records
 * the delays, so backoff is verified without waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** The sleeper that blocks the calling thread for the given time. */
    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
