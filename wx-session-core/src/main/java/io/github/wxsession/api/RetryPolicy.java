package io.github.wxsession.api;

import java.time.Duration;

/**
 * Exponential backoff: retry {@code n} (counted from 0 by the caller, per call) waits
 * {@code retrySleepMillis × 2^n}, and at most {@code maxRetryTimes} retries happen. Holds no
 * counter itself, so concurrent calls never share or reset each other's attempts.
 */
final class RetryPolicy {

    private final long retrySleepMillis;
    private final int maxRetryTimes;
    private final Sleeper sleeper;

    RetryPolicy(long retrySleepMillis, int maxRetryTimes, Sleeper sleeper) {
        this.retrySleepMillis = retrySleepMillis;
        this.maxRetryTimes = maxRetryTimes;
        this.sleeper = sleeper;
    }

    /** Whether retry number {@code retry} (from 0) is still allowed. */
    boolean allows(int retry) {
        return retry < maxRetryTimes;
    }

    /** The wait before retry number {@code retry}. */
    Duration delay(int retry) {
        long millis = retrySleepMillis > (Long.MAX_VALUE >> retry) ? Long.MAX_VALUE : retrySleepMillis << retry;
        return Duration.ofMillis(millis);
    }

    /** Waits {@link #delay(int)} before retry number {@code retry}. */
    void await(int retry) throws InterruptedException {
        sleeper.sleep(delay(retry));
    }
}
