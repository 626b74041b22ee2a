package io.github.wxsession.redis;

import java.time.Duration;

/**
 * Checks of the durations the builders of the Redis packages take, with messages that name the
 * setting.
 * <p>
 * Internal: public only so that the session and token subpackages share it; not an API, and
 * may change in any release.
 */
public final class Durations {

    private Durations() {
    }

    /** {@code duration} if it is at least 1 ms, the unit Redis leases and TTLs are set in. */
    public static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, but was " + duration);
        }
        return duration;
    }

    /** {@code duration} if it is zero or positive. */
    public static Duration requireAtLeastZero(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, but was " + duration);
        }
        return duration;
    }
}
