package io.github.wxsession.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How long before its real expiry a credential counts as expired, so that it is replaced while
 * the old one still works instead of failing a call first.
 * <p>
 * The margin never takes more than half of a credential's lifetime: a token valid for 60 s with a
 * 5-minute margin would otherwise be expired the moment it arrives and be fetched on every call.
 * Immutable and thread-safe.
 */
public final class RefreshAhead {

    /** Five minutes: WeChat itself rotates stable tokens in their last five minutes. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

    private static final RefreshAhead DEFAULT = new RefreshAhead(DEFAULT_MARGIN);

    private final long marginMillis;

    private RefreshAhead(Duration margin) {
        this.marginMillis = margin.toMillis();
    }

    /** The policy with the {@linkplain #DEFAULT_MARGIN default margin}. */
    public static RefreshAhead defaults() {
        return DEFAULT;
    }

    /**
     * A policy refreshing {@code margin} before expiry.
     *
     * @param margin zero or positive; zero keeps a credential until its real expiry
     */
    public static RefreshAhead of(Duration margin) {
        Objects.requireNonNull(margin, "margin must not be null; use RefreshAhead.defaults() for 5 minutes");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("refresh-ahead margin must be zero or positive, was " + margin);
        }
        return new RefreshAhead(margin);
    }

    /** The configured margin (before the half-lifetime cap). */
    public Duration margin() {
        return Duration.ofMillis(marginMillis);
    }

    /**
     * The epoch millisecond from which a credential issued at {@code issuedAtMillis} and valid for
     * {@code expiresInSeconds} counts as expired.
     *
     * @param expiresInSeconds the lifetime WeChat gave it ({@code expires_in}); must be positive
     */
    public long refreshAtMillis(long issuedAtMillis, int expiresInSeconds) {
        if (expiresInSeconds <= 0) {
            throw new IllegalArgumentException("expires_in must be positive, was " + expiresInSeconds);
        }
        long lifetimeMillis = expiresInSeconds * 1000L;
        return issuedAtMillis + lifetimeMillis - Math.min(marginMillis, lifetimeMillis / 2);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RefreshAhead that && marginMillis == that.marginMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(marginMillis);
    }

    @Override
    public String toString() {
        return "RefreshAhead[margin=" + margin() + "]";
    }
}
