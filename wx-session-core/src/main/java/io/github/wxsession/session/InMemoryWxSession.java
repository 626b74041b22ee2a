package io.github.wxsession.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A session of {@link InMemoryWxSessionStore}, shared by every caller that looks it up.
 *
 * <p>Kept small on purpose (the store may hold hundreds of thousands): the attributes are one
 * array of alternating names and values instead of a map. Readers never lock: the array is
 * replaced whole when a name is added or removed, and a value slot is written with release
 * semantics when a value is replaced. Writers and the life-cycle transitions synchronize on the
 * session itself.
 */
final class InMemoryWxSession implements WxSession {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final Object[] NO_ATTRIBUTES = {};

    private static final int LIVE = 0;
    /** Listeners are being told it ended; its attributes are still readable. */
    private static final int DESTROYING = 1;
    private static final int DESTROYED = 2;

    private final String id;
    private final InMemoryWxSessionStore store;
    private final long creationTime;
    private volatile long lastAccessedTime;
    private volatile int maxInactiveInterval;
    private volatile int state;
    private volatile Object[] attributes = NO_ATTRIBUTES;

    InMemoryWxSession(String id, InMemoryWxSessionStore store, long now, int maxInactiveInterval) {
        this.id = id;
        this.store = store;
        this.creationTime = now;
        this.lastAccessedTime = now;
        this.maxInactiveInterval = maxInactiveInterval;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getCreationTime() {
        checkUsable();
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        checkUsable();
        return lastAccessedTime;
    }

    @Override
    public int getMaxInactiveInterval() {
        checkUsable();
        return maxInactiveInterval;
    }

    @Override
    public void setMaxInactiveInterval(int seconds) {
        checkUsable();
        maxInactiveInterval = seconds;
    }

    /** Always {@code false}: only the creating call gets a view that answers {@code true}. */
    @Override
    public boolean isNew() {
        checkUsable();
        return false;
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        checkUsable();
        requireName(name);
        Object[] slots = attributes;
        int index = indexOf(slots, name);
        return index < 0 ? null : SLOT.getAcquire(slots, index + 1);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkUsable();
        Object[] slots = attributes;
        List<String> names = new ArrayList<>(slots.length / 2);
        for (int i = 0; i < slots.length; i += 2) {
            names.add((String) slots[i]);
        }
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        requireName(name);
        Object oldValue = null;
        synchronized (this) {
            checkUsable();
            Object[] slots = attributes;
            int index = indexOf(slots, name);
            if (index >= 0) {
                oldValue = slots[index + 1];
                SLOT.setRelease(slots, index + 1, value);
            } else {
                Object[] grown = Arrays.copyOf(slots, slots.length + 2);
                grown[slots.length] = name;
                grown[slots.length + 1] = value;
                attributes = grown;
            }
        }
        WxSessionListeners listeners = store.listeners();
        if (!listeners.isEmpty()) {
            if (oldValue == null) {
                listeners.attributeAdded(this, name, value);
            } else {
                listeners.attributeReplaced(this, name, oldValue, value);
            }
        }
    }

    @Override
    public void removeAttribute(String name) {
        requireName(name);
        Object oldValue;
        synchronized (this) {
            checkUsable();
            Object[] slots = attributes;
            int index = indexOf(slots, name);
            if (index < 0) {
                return;
            }
            oldValue = slots[index + 1];
            Object[] shrunk = new Object[slots.length - 2];
            System.arraycopy(slots, 0, shrunk, 0, index);
            System.arraycopy(slots, index + 2, shrunk, index, slots.length - index - 2);
            attributes = shrunk;
        }
        WxSessionListeners listeners = store.listeners();
        if (!listeners.isEmpty()) {
            listeners.attributeRemoved(this, name, oldValue);
        }
    }

    @Override
    public void invalidate() {
        if (!store.destroy(this, WxSessionDestroyReason.INVALIDATED, 0L)) {
            throw new IllegalStateException("Session " + id + " has already been invalidated or has expired");
        }
    }

    // Life-cycle transitions, used by the store.

    /** Marks an access at {@code now} if the session is still live then. */
    synchronized boolean access(long now) {
        if (state != LIVE || isExpiredAt(now)) {
            return false;
        }
        lastAccessedTime = now;
        return true;
    }

    /**
     * Claims the right to destroy this session: {@code true} for exactly one caller, and for
     * {@link WxSessionDestroyReason#EXPIRED} only if it really is idle past its timeout at {@code now}.
     */
    synchronized boolean beginDestroy(WxSessionDestroyReason reason, long now) {
        if (state != LIVE || (reason == WxSessionDestroyReason.EXPIRED && !isExpiredAt(now))) {
            return false;
        }
        state = DESTROYING;
        return true;
    }

    /** After the listeners heard of it: any further use throws, and the values can be collected. */
    synchronized void finishDestroy() {
        state = DESTROYED;
        attributes = NO_ATTRIBUTES;
    }

    boolean isExpiredAt(long now) {
        int timeout = maxInactiveInterval;
        return timeout > 0 && now - lastAccessedTime >= timeout * 1000L;
    }

    private void checkUsable() {
        if (state == DESTROYED) {
            throw new IllegalStateException("Session " + id + " has been invalidated or has expired");
        }
    }

    private static int indexOf(Object[] slots, String name) {
        for (int i = 0; i < slots.length; i += 2) {
            if (name.equals(slots[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void requireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Attribute name must not be null");
        }
    }

    @Override
    public String toString() {
        return "InMemoryWxSession[" + id + "]";
    }
}
