package io.github.wxsession.session;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one store. Each event goes to every listener; one that throws is logged and
 * skipped, because a faulty listener must not break session handling.
 */
public final class WxSessionListeners {

    private static final System.Logger LOG = System.getLogger(WxSessionListeners.class.getName());

    private final List<WxSessionListener> listeners = new CopyOnWriteArrayList<>();

    public void add(WxSessionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    /** Lets the hot path skip building events nobody hears. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    public void created(WxSession session) {
        fire("sessionCreated", session, l -> l.sessionCreated(session));
    }

    public void destroyed(WxSession session, WxSessionDestroyReason reason) {
        fire("sessionDestroyed", session, l -> l.sessionDestroyed(session, reason));
    }

    public void attributeAdded(WxSession session, String name, Object value) {
        fire("attributeAdded", session, l -> l.attributeAdded(session, name, value));
    }

    public void attributeReplaced(WxSession session, String name, Object oldValue, Object newValue) {
        fire("attributeReplaced", session, l -> l.attributeReplaced(session, name, oldValue, newValue));
    }

    public void attributeRemoved(WxSession session, String name, Object oldValue) {
        fire("attributeRemoved", session, l -> l.attributeRemoved(session, name, oldValue));
    }

    private void fire(String event, WxSession session, Consumer<WxSessionListener> call) {
        for (WxSessionListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Session listener " + listener.getClass().getName() + " failed in "
                        + event + " for session " + session.getId() + "; the other listeners still ran", e);
            }
        }
    }
}
