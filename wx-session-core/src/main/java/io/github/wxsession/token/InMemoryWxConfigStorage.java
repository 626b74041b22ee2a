package io.github.wxsession.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WxConfigStorage} in this JVM's memory, for one account on one node.
 * <p>
 * Each credential is kept with the absolute instant from which it counts as expired (its real
 * expiry minus the {@link RefreshAhead} margin), read from the injected {@link Clock}. The refresh
 * lock is a {@link ReentrantLock} per credential type: waiters park until the refresher is done.
 * Thread-safe.
 */
public final class InMemoryWxConfigStorage implements WxConfigStorage {

    private final String appId;
    private final String secret;
    private final String token;
    private final String aesKey;
    private final Clock clock;
    private final RefreshAhead refreshAhead;
    private final Slot[] slots;

    private InMemoryWxConfigStorage(Builder builder) {
        this.appId = requireText(builder.appId, "appId", "the account's AppID (WeCom: CorpID)");
        this.secret = requireText(builder.secret, "secret", "the AppSecret (WeCom: the app's corpsecret)");
        this.token = builder.token;
        this.aesKey = builder.aesKey;
        this.clock = builder.clock;
        this.refreshAhead = builder.refreshAhead;
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
    public String getAppId() {
        return appId;
    }

    @Override
    public String getSecret() {
        return secret;
    }

    @Override
    public String getToken() {
        return token;
    }

    @Override
    public String getAesKey() {
        return aesKey;
    }

    /** The margin by which credentials are refreshed ahead of expiry. */
    public RefreshAhead getRefreshAhead() {
        return refreshAhead;
    }

    @Override
    public String getCredential(WxTokenType type) {
        Stored stored = slot(type).current.get();
        return stored != null && clock.millis() < stored.refreshAtMillis ? stored.value : null;
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
        return "InMemoryWxConfigStorage[appId=" + appId + ", " + refreshAhead + "]";
    }

    private Slot slot(WxTokenType type) {
        return slots[type.ordinal()];
    }

    private static String requireText(String value, String name, String meaning) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required: set " + meaning);
        }
        return value;
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
    public static final class Builder {
        private String appId;
        private String secret;
        private String token;
        private String aesKey;
        private Clock clock = Clock.systemUTC();
        private RefreshAhead refreshAhead = RefreshAhead.defaults();

        private Builder() {
        }

        /** The AppID (WeCom: CorpID). Required. */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** The AppSecret (WeCom: corpsecret). Required. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** The callback Token; optional for API-only use. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The EncodingAESKey; optional unless safe mode is used. */
        public Builder aesKey(String aesKey) {
            this.aesKey = aesKey;
            return this;
        }

        /** The clock expiry is measured with; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How long before expiry credentials are refreshed; 5 minutes by default. */
        public Builder refreshAhead(Duration margin) {
            this.refreshAhead = RefreshAhead.of(margin);
            return this;
        }

        /** The storage, with no credentials yet. */
        public InMemoryWxConfigStorage build() {
            return new InMemoryWxConfigStorage(this);
        }
    }
}
