package io.github.wxsession.redis.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a unit of work changed on its request-local copy of a session, per attribute, for the one
 * write at its end: the latest encoded value of each attribute set, the names removed, and a new
 * timeout. Values are encoded when they are set, so an unsupported type fails at the call that
 * set it, and later mutation of the object does not leak into the save (as with write-through).
 * Confined to the copy's monitor.
 */
final class SessionChanges {

    /** Field name ({@code a:<name>}) to its encoded value, {@code null} for a removal. */
    private final Map<String, byte[]> fields = new LinkedHashMap<>();
    private int maxInactiveInterval;
    private boolean timeoutChanged;

    void set(String field, byte[] value) {
        fields.put(field, value);
    }

    void remove(String field) {
        fields.put(field, null);
    }

    void maxInactiveInterval(int seconds) {
        maxInactiveInterval = seconds;
        timeoutChanged = true;
    }

    boolean isEmpty() {
        return fields.isEmpty() && !timeoutChanged;
    }

    boolean timeoutChanged() {
        return timeoutChanged;
    }

    int maxInactiveInterval() {
        return maxInactiveInterval;
    }

    Map<String, byte[]> fields() {
        return fields;
    }
}
