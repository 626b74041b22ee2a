package io.github.wxsession.aibot;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Streams in this JVM's heap: for a single instance, with the in-memory session store. An entry
 * is dropped when read after its time, and every {@value #PURGE_EVERY}th save drops every entry
 * past its time, so abandoned streams do not accumulate. Thread-safe.
 */
public final class InMemoryWxStreamStore implements WxStreamStore {

    static final int PURGE_EVERY = 256;

    private final Map<String, Entry> streams = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();
    private final Clock clock;

    public InMemoryWxStreamStore() {
        this(Clock.systemUTC());
    }

    public InMemoryWxStreamStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(String account, WxStreamState state, Duration ttl) {
        long now = clock.millis();
        streams.put(key(account, state.id()), new Entry(state, now + ttl.toMillis()));
        if (saves.incrementAndGet() % PURGE_EVERY == 0) {
            streams.values().removeIf(entry -> entry.expiresAt <= now);
        }
    }

    @Override
    public @Nullable WxStreamState find(String account, String streamId) {
        String key = key(account, streamId);
        Entry entry = streams.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt <= clock.millis()) {
            streams.remove(key, entry);
            return null;
        }
        return entry.state;
    }

    /** How many streams are held, expired ones not yet dropped included. */
    public int size() {
        return streams.size();
    }

    private static String key(String account, String streamId) {
        return account + '\n' + streamId;
    }

    private record Entry(WxStreamState state, long expiresAt) {
    }
}
