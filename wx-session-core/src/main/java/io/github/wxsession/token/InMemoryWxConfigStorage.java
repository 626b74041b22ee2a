package io.github.wxsession.token;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WxConfigStorage} in this JVM's memory, for one account on one node.
 * <p>
 * Each credential is kept with the absolute instant from which it counts as expired (its real
 * expiry minus the {@link RefreshAhead} margin), read from the injected {@link Clock}. The refresh
 * lock is a {@link ReentrantLock} per credential type: waiters park until the refresher is done.
 * Thread-safe.
 */
public final class InMemoryWxConfigStorage extends AbstractWxConfigStorage {

    private final Slot[] slots;

    private InMemoryWxConfigStorage(Builder builder) {
        super(builder);
        WxTokenType[] types = WxTokenType.values();
        this.slots = new Slot[types.length];
        for (WxTokenType type : types) {
            slots[type.ordinal()] = new Slot();
        }
    }

    /** A builder; {@code appId} and {@code secret} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public @Nullable String getCredential(WxTokenType type) {
        Stored stored = slot(type).current.get();
        return stored != null && clock.millis() < stored.refreshAtMillis ? stored.value : null;
    }

    @Override
    public @Nullable Instant getCredentialExpiresAt(WxTokenType type) {
        Stored stored = slot(type).current.get();
        return stored != null && clock.millis() < stored.refreshAtMillis ? Instant.ofEpochMilli(stored.refreshAtMillis)
                : null;
    }

    @Override
    public void updateCredential(WxTokenType type, String value, int expiresInSeconds) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " to store must not be empty");
        }
        long refreshAt = refreshAhead.refreshAtMillis(clock.millis(), expiresInSeconds);
        slot(type).current.set(new Stored(value, refreshAt));
    }

    @Override
    public void expireCredential(WxTokenType type) {
        slot(type).current.set(null);
    }

    @Override
    public boolean expireCredentialIfCurrent(WxTokenType type, String failedValue) {
        AtomicReference<Stored> current = slot(type).current;
        Stored stored = current.get();
        return stored != null && stored.value.equals(failedValue) && current.compareAndSet(stored, null);
    }

    @Override
    public RefreshLock refreshLock(WxTokenType type) {
        return slot(type).lock;
    }

    @Override
    public String toString() {
        // The secret and the credentials stay out of logs.
        return "InMemoryWxConfigStorage[appId=" + getAppId() + ", " + refreshAhead + "]";
    }

    private Slot slot(WxTokenType type) {
        return slots[type.ordinal()];
    }

    /** One credential: its value with its refresh instant, swapped atomically as a pair. */
    private static final class Slot {
        final AtomicReference<Stored> current = new AtomicReference<>();
        final RefreshLock lock = new ReentrantRefreshLock();
    }

    private record Stored(String value, long refreshAtMillis) {
    }

    private static final class ReentrantRefreshLock implements RefreshLock {
        private final ReentrantLock lock = new ReentrantLock();
        private final Held release = lock::unlock;

        @Override
        public Held acquire() throws InterruptedException {
            lock.lockInterruptibly();
            return release;
        }
    }

    /** Builds an {@link InMemoryWxConfigStorage}. Not thread-safe. */
    public static final class Builder extends AbstractWxConfigStorage.Builder<Builder> {

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The storage, with no credentials yet. */
        public InMemoryWxConfigStorage build() {
            return new InMemoryWxConfigStorage(this);
        }
    }
}
