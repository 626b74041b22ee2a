package io.github.wxsession.session;

import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * The state of one conversation, shaped like {@code jakarta.servlet.http.HttpSession}.
 *
 * <p>For a message callback the id is the sender's openid (namespaced by account); for an
 * HTTP API it is a random id handed out at login. Every method except {@link #getId()}
 * throws {@link IllegalStateException} once the session has been invalidated or has expired.
 */
public interface WxSession {

    /** The id this session is stored under; never {@code null}. */
    String getId();

    /** When the session was created, in epoch milliseconds. */
    long getCreationTime();

    /** When the session was last returned by its manager, in epoch milliseconds. */
    long getLastAccessedTime();

    /**
     * Seconds of inactivity after which the session expires. Zero or a negative value means
     * the session never expires (it lives until it is invalidated).
     */
    int getMaxInactiveInterval();

    /** Changes this session's idle timeout; see {@link #getMaxInactiveInterval()}. */
    void setMaxInactiveInterval(int seconds);

    /** {@code true} only on the access that created the session. */
    boolean isNew();

    /** The value bound to {@code name}, or {@code null}. */
    @Nullable Object getAttribute(String name);

    /** A snapshot of the attribute names. */
    Enumeration<String> getAttributeNames();

    /** Binds {@code value} to {@code name}; a {@code null} value removes the attribute. */
    void setAttribute(String name, @Nullable Object value);

    /** Removes the attribute; does nothing if it is absent. */
    void removeAttribute(String name);

    /** Ends the session; later use of it throws {@link IllegalStateException}. */
    void invalidate();
}
