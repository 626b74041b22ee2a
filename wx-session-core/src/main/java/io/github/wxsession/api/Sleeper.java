package io.github.wxsession.api;

import java.time.Duration;

/**
 * Waits between retries and between attempts to take a held lock: {@link #THREAD_SLEEP}. Public
 * because core's API client and its Redis stores share it; only their same-package tests pass
 * another (through package-private builder options), one that records the delays or moves an
 * injected clock, so backoff is verified without waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** The sleeper that blocks the calling thread for the given time. */
    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
