package io.github.wxsession.session;

/** A new session was refused because the store already holds its maximum of live sessions. */
public class TooManyActiveSessionsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int maxActiveSessions;

    public TooManyActiveSessionsException(int maxActiveSessions) {
        super("Cannot create a session: the store already holds its maximum of " + maxActiveSessions
                + " live sessions; raise the limit or shorten the session timeout");
        this.maxActiveSessions = maxActiveSessions;
    }

    /** The limit that was reached. */
    public int getMaxActiveSessions() {
        return maxActiveSessions;
    }
}
