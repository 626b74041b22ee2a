package io.github.wxsession.redis.session;

import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionListeners;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A copy of one Redis session, loaded by one {@code getSession} (direct mode) or by the start of a
 * unit of work ({@link RedisSessionScope}).
 * <p>
 * Reads come from the copy; attribute values are decoded on first read. In direct mode every
 * change is written through at once by a script that refuses to touch a session that is gone;
 * inside a scope, changes are recorded in {@link SessionChanges} and written when the scope ends,
 * after which the copy continues in direct mode. A copy does not see what other copies write
 * later; one held past its session's timeout asks Redis whether the session still lives before it
 * answers, so a swept session throws as it does in memory.
 */
final class RedisWxSession implements WxSession {

    private static final int LIVE = 0;
    /** Listeners are being told it ended; its attributes are still readable. */
    private static final int DESTROYING = 1;
    private static final int DESTROYED = 2;

    static final String ATTRIBUTE_PREFIX = "a:";

    private final RedisSessionRepository repository;
    private final String id;
    private final long creationTime;
    private final boolean isNew;
    private long lastAccessedTime;
    private int maxInactiveInterval;
    /** Name to value; a value not read yet is still {@link Encoded}. */
    private final Map<String, Object> attributes;
    private volatile int state;
    /** Set while the copy belongs to an open scope. */
    private SessionChanges changes;

    private RedisWxSession(RedisSessionRepository repository, String id, long creationTime, long lastAccessedTime,
            int maxInactiveInterval, Map<String, Object> attributes, boolean isNew) {
        this.repository = repository;
        this.id = id;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.attributes = attributes;
        this.isNew = isNew;
    }

    /** A session just created at {@code now}. */
    static RedisWxSession created(RedisSessionRepository repository, String id, long now, int maxInactiveInterval) {
        return new RedisWxSession(repository, id, now, now, maxInactiveInterval, new LinkedHashMap<>(), true);
    }

    /**
     * A session from the flat {@code field, value, ...} list a script answered, starting at
     * {@code offset}; the fields {@code #c}, {@code #a} and {@code #m} are always among them.
     */
    static RedisWxSession fromFields(RedisSessionRepository repository, String id, List<Object> reply, int offset) {
        long created = 0;
        long accessed = 0;
        int timeout = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = offset; i + 1 < reply.size(); i += 2) {
            byte[] name = (byte[]) reply.get(i);
            byte[] value = (byte[]) reply.get(i + 1);
            if (name.length == 2 && name[0] == '#') {
                switch (name[1]) {
                    case 'c' -> created = parseLong(value);
                    case 'a' -> accessed = parseLong(value);
                    case 'm' -> timeout = (int) parseLong(value);
                    default -> {
                        // a field a later version may add; ignored
                    }
                }
            } else if (name.length > 2 && name[0] == 'a' && name[1] == ':') {
                attributes.put(new String(name, 2, name.length - 2, StandardCharsets.UTF_8), new Encoded(value));
            }
        }
        return new RedisWxSession(repository, id, created, accessed, timeout, attributes, false);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public synchronized long getCreationTime() {
        checkUsable();
        return creationTime;
    }

    @Override
    public synchronized long getLastAccessedTime() {
        checkUsable();
        return lastAccessedTime;
    }

    @Override
    public synchronized int getMaxInactiveInterval() {
        checkUsable();
        return maxInactiveInterval;
    }

    @Override
    public void setMaxInactiveInterval(int seconds) {
        synchronized (this) {
            checkUsable();
            if (changes != null) {
                changes.maxInactiveInterval(seconds);
                maxInactiveInterval = seconds;
                return;
            }
        }
        if (!repository.writeTimeout(this, seconds)) {
            throw lost();
        }
        synchronized (this) {
            maxInactiveInterval = seconds;
        }
    }

    /** {@code true} on the copy that created the session (for a scope, throughout the scope). */
    @Override
    public synchronized boolean isNew() {
        checkUsable();
        return isNew;
    }

    @Override
    public synchronized @Nullable Object getAttribute(String name) {
        requireName(name);
        checkUsable();
        return decoded(name, attributes.get(name));
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkUsable();
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        requireName(name);
        byte[] encoded = repository.serializer().serialize(value);
        String field = ATTRIBUTE_PREFIX + name;
        Object replaced = null;
        boolean deferred;
        synchronized (this) {
            checkUsable();
            deferred = changes != null;
            if (deferred) {
                changes.set(field, encoded);
                replaced = attributes.put(name, value);
            }
        }
        if (!deferred) {
            replaced = writeThrough(field, encoded);
            synchronized (this) {
                attributes.put(name, value);
            }
        }
        WxSessionListeners listeners = repository.listeners();
        if (listeners.isEmpty()) {
            return;
        }
        if (replaced == null) {
            listeners.attributeAdded(this, name, value);
        } else {
            listeners.attributeReplaced(this, name, decode(replaced), value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        requireName(name);
        String field = ATTRIBUTE_PREFIX + name;
        Object removed = null;
        boolean deferred;
        synchronized (this) {
            checkUsable();
            deferred = changes != null;
            if (deferred) {
                removed = attributes.remove(name);
                if (removed != null) {
                    changes.remove(field);
                }
            }
        }
        if (!deferred) {
            removed = writeThrough(field, null);
            synchronized (this) {
                attributes.remove(name);
            }
        }
        WxSessionListeners listeners = repository.listeners();
        if (removed != null && !listeners.isEmpty()) {
            listeners.attributeRemoved(this, name, decode(removed));
        }
    }

    @Override
    public void invalidate() {
        synchronized (this) {
            checkUsable();
        }
        if (!repository.invalidate(this)) {
            throw lost();
        }
    }

    // Used by the repository and the scope.

    /** Called by the repository around a destroyed event: readable while listeners run, dead after. */
    void beginDestroy() {
        state = DESTROYING;
    }

    synchronized void finishDestroy() {
        state = DESTROYED;
        attributes.clear();
    }

    boolean isDestroyed() {
        return state == DESTROYED;
    }

    /**
     * Takes what Redis held when it was deleted, for the destroyed event: other copies may have
     * written since this one was loaded. Not inside a scope, whose copy is the newer one.
     */
    synchronized void refreshFrom(RedisWxSession deleted) {
        if (changes == null) {
            attributes.clear();
            attributes.putAll(deleted.attributes);
        }
    }

    /** Makes this copy part of a scope: changes from now on wait for the scope's end. */
    synchronized void attach() {
        changes = new SessionChanges();
    }

    /** Leaves the scope: answers what changed ({@code null} if the session is gone) and writes through from now on. */
    synchronized SessionChanges detach() {
        SessionChanges pending = changes;
        changes = null;
        return state == DESTROYED ? null : pending;
    }

    /** The creation time without a liveness check: it tells this session from a later one with the same id. */
    long storedCreationTime() {
        return creationTime;
    }

    /** A value read: decoded on first read and kept decoded. */
    private Object decoded(String name, Object value) {
        if (value instanceof Encoded) {
            Object decoded = decode(value);
            attributes.put(name, decoded);
            return decoded;
        }
        return value;
    }

    /** A value as listeners see it, decoded if still {@link Encoded}. */
    private Object decode(Object value) {
        return value instanceof Encoded encoded ? repository.serializer().deserialize(encoded.bytes) : value;
    }

    /**
     * Sets ({@code value} non-null) or deletes one field in Redis, unless the session is gone.
     *
     * @return what the field held before, as Redis had it (not decoded yet), or {@code null}
     */
    private Encoded writeThrough(String field, byte[] value) {
        List<Object> reply = repository.writeAttribute(this, field, value);
        if ((Long) reply.get(0) == 0L) {
            throw lost();
        }
        return reply.size() > 1 ? new Encoded((byte[]) reply.get(1)) : null;
    }

    /**
     * Throws once the session is known to be gone. A direct-mode copy held past its timeout asks
     * Redis first: the session may have been used through another copy since this one was loaded.
     */
    private void checkUsable() {
        if (state == DESTROYED) {
            throw gone();
        }
        if (state == LIVE && changes == null && maxInactiveInterval > 0
                && repository.clock().millis() - lastAccessedTime >= maxInactiveInterval * 1000L) {
            long[] accessAndTimeout = repository.readAccess(this);
            if (accessAndTimeout == null) {
                finishDestroy();
                throw gone();
            }
            lastAccessedTime = accessAndTimeout[0];
            maxInactiveInterval = (int) accessAndTimeout[1];
        }
    }

    /** A write-through found the session gone: this copy is dead too. */
    private IllegalStateException lost() {
        finishDestroy();
        return gone();
    }

    private IllegalStateException gone() {
        return new IllegalStateException("Session " + id + " has been invalidated or has expired");
    }

    private static void requireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Attribute name must not be null");
        }
    }

    static long parseLong(byte[] ascii) {
        long value = 0;
        int i = 0;
        boolean negative = ascii.length > 0 && ascii[0] == '-';
        if (negative) {
            i = 1;
        }
        for (; i < ascii.length; i++) {
            value = value * 10 + (ascii[i] - '0');
        }
        return negative ? -value : value;
    }

    @Override
    public String toString() {
        return "RedisWxSession[" + id + "]";
    }

    /** An attribute value as stored, not decoded yet. */
    private record Encoded(byte[] bytes) {
    }
}
