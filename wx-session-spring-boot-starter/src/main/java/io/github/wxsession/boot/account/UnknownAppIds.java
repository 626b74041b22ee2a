package io.github.wxsession.boot.account;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app ids a repository recently said it does not have, so that callbacks to random app ids
 * cost one repository query per id and interval, not one per request; at most {@code capacity}
 * of them, the oldest forgotten first, so they cannot fill the heap either.
 */
final class UnknownAppIds {

    private final int capacity;
    private final long forgetAfterMillis;
    private final LinkedHashMap<String, Long> since;

    UnknownAppIds(int capacity, long forgetAfterMillis) {
        this.capacity = capacity;
        this.forgetAfterMillis = forgetAfterMillis;
        this.since = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > UnknownAppIds.this.capacity;
            }
        };
    }

    /** Whether {@code appId} was found missing less than the interval before {@code nowMillis}. */
    synchronized boolean contains(String appId, long nowMillis) {
        Long at = since.get(appId);
        if (at == null) {
            return false;
        }
        if (nowMillis - at >= forgetAfterMillis) {
            since.remove(appId);
            return false;
        }
        return true;
    }

    synchronized void add(String appId, long nowMillis) {
        if (capacity > 0) {
            since.remove(appId);
            since.put(appId, nowMillis);
        }
    }

    synchronized void remove(String appId) {
        since.remove(appId);
    }

    synchronized int size() {
        return since.size();
    }
}
