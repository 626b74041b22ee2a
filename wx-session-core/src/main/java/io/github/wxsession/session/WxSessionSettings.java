package io.github.wxsession.session;

import java.time.Duration;

/** The checks every store's builder applies to the settings all stores share. */
public final class WxSessionSettings {

    private WxSessionSettings() {
    }

    /**
     * An idle timeout as the whole seconds {@link WxSession#getMaxInactiveInterval()} holds; zero or
     * negative means sessions never expire.
     *
     * @throws IllegalArgumentException if it is {@code null} or does not fit an {@code int} of seconds
     */
    public static int timeoutSeconds(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        long seconds = timeout.toSeconds();
        if (seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be at most " + Integer.MAX_VALUE
                    + " seconds, but was " + timeout);
        }
        return (int) seconds;
    }

    /**
     * A limit on live sessions.
     *
     * @throws IllegalArgumentException unless it is positive
     */
    public static int maxActiveSessions(int maxActiveSessions) {
        if (maxActiveSessions <= 0) {
            throw new IllegalArgumentException("maxActiveSessions must be positive, but was " + maxActiveSessions);
        }
        return maxActiveSessions;
    }
}
