package io.github.wxsession.session;

/** The rules every store applies to session ids. */
public final class WxSessionIds {

    /** Longest id a store accepts; openids are 28 characters, random ids 24. */
    public static final int MAX_LENGTH = 256;

    private WxSessionIds() {
    }

    /**
     * Returns {@code id} if it can name a session.
     *
     * @throws IllegalArgumentException if it is {@code null}, blank or longer than {@link #MAX_LENGTH}
     */
    public static String requireValid(String id) {
        if (id == null) {
            throw new IllegalArgumentException("Session id must not be null");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Session id must be at most " + MAX_LENGTH
                    + " characters, but has " + id.length());
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("Session id must not be blank");
        }
        return id;
    }
}
