package io.github.wxsession.session;

import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * What the creating call gets: the new session, answering {@code true} to {@link #isNew()}.
 * Every later lookup returns the shared session, which answers {@code false}, so "new" holds
 * for exactly one access even when several threads race to the same id.
 */
final class NewSessionView implements WxSession {

    private final WxSession session;

    NewSessionView(WxSession session) {
        this.session = session;
    }

    @Override
    public boolean isNew() {
        session.getCreationTime(); // throws once the session is gone, like every other method
        return true;
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public long getCreationTime() {
        return session.getCreationTime();
    }

    @Override
    public long getLastAccessedTime() {
        return session.getLastAccessedTime();
    }

    @Override
    public int getMaxInactiveInterval() {
        return session.getMaxInactiveInterval();
    }

    @Override
    public void setMaxInactiveInterval(int seconds) {
        session.setMaxInactiveInterval(seconds);
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        return session.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        session.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        session.removeAttribute(name);
    }

    @Override
    public void invalidate() {
        session.invalidate();
    }

    @Override
    public String toString() {
        return session + " (new)";
    }
}
