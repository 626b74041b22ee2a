package io.github.wxsession.session;

/**
 * Hears the life of sessions: created, destroyed, and attribute changes. Every method has an
 * empty default, so implement only what you need.
 *
 * <p>Each event is delivered exactly once, on the thread that caused it, with no lock held, so a
 * listener may use the store. A listener that throws is logged and does not disturb the store or
 * the other listeners.
 */
public interface WxSessionListener {

    /** A session was created; {@link WxSession#isNew()} is {@code true} on the one passed. */
    default void sessionCreated(WxSession session) {
    }

    /**
     * A session ended. Its attributes are still readable during this call; afterwards any use
     * of the session throws {@link IllegalStateException}.
     */
    default void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
    }

    /** An attribute was bound to a name that had none. */
    default void attributeAdded(WxSession session, String name, Object value) {
    }

    /** The value bound to {@code name} changed from {@code oldValue} to {@code newValue}. */
    default void attributeReplaced(WxSession session, String name, Object oldValue, Object newValue) {
    }

    /** The attribute {@code name}, last bound to {@code oldValue}, was removed. */
    default void attributeRemoved(WxSession session, String name, Object oldValue) {
    }
}
