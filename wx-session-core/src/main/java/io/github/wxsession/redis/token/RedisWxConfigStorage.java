package io.github.wxsession.redis.token;

import io.github.wxsession.api.Sleeper;
import io.github.wxsession.redis.Durations;
import io.github.wxsession.redis.RedisCalls;
import io.github.wxsession.redis.RedisNamespace;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.token.AbstractWxConfigStorage;
import io.github.wxsession.token.RefreshLock;
import io.github.wxsession.token.WxTokenType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link WxConfigStorage} whose credentials live in Redis, shared by every instance of an
 * application, with a cluster-wide {@link RefreshLock}: however many instances and threads find
 * the token expired, one of them fetches it.
 * <p>
 * Keys, for namespace {@code wx} and app id {@code wx123}:
 * <pre>
 * wx:{wx123}:token:access_token        the token; expires when it is due for refresh
 * wx:{wx123}:token:access_token:lock   the refresh lock's owner; expires with the lease
 * wx:{wx123}:token:jsapi_ticket        (and its :lock) the same for the jsapi ticket
 * </pre>
 * A credential is stored with a time to live of its lifetime less the {@link io.github.wxsession.token.RefreshAhead} margin
 * ({@code refreshAtMillis(now, expiresIn) - now} on the injected clock), so from then on Redis's
 * own clock expires it: {@link #getCredential} is one {@code GET}, and instances whose clocks
 * disagree still agree on when it is due. Nothing is cached locally.
 * <p>
 * Talks to Redis through the given {@link RedisConnectionFactory}, normally the application's
 * own, so no second pool exists. When Redis is unreachable, every method fails with
 * {@link WxRedisUnavailableException} as soon as the connection reports it (at once when refused,
 * after the command timeout when lost), never waiting longer. Thread-safe.
 */
public final class RedisWxConfigStorage extends AbstractWxConfigStorage {

    /** How long a refresh lock is held at most, unless configured: a crashed holder blocks no longer. */
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);
    /** How long a caller waits for the refresh lock at most, unless configured. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private final StringRedisTemplate redis;
    private final Slot[] slots;

    private RedisWxConfigStorage(Builder builder) {
        super(builder);
        String appId = getAppId();
        this.redis = new StringRedisTemplate(builder.connectionFactory);
        RedisNamespace namespace = new RedisNamespace(builder.namespace);
        WxTokenType[] types = WxTokenType.values();
        this.slots = new Slot[types.length];
        for (WxTokenType type : types) {
            String key = namespace.accountKey(appId, "token:" + type.name().toLowerCase(Locale.ROOT));
            String subject = "the " + type + " of " + appId;
            RefreshLock lock = new RedisRefreshLock(redis, key + ":lock", "the " + type + " refresh lock of " + appId,
                    builder.lockLease, builder.lockWait, clock, builder.sleeper);
            slots[type.ordinal()] = new Slot(key, List.of(key), subject, lock);
        }
    }

    /**
     * A builder storing through {@code connectionFactory}; {@code appId} and {@code secret} are
     * required.
     *
     * @param connectionFactory the application's Redis connection factory
     */
    public static Builder builder(RedisConnectionFactory connectionFactory) {
        return new Builder(Objects.requireNonNull(connectionFactory,
                "connectionFactory must not be null: pass the application's RedisConnectionFactory"));
    }

    /** {@inheritDoc} One {@code GET}. */
    @Override
    public @Nullable String getCredential(WxTokenType type) {
        Slot slot = slot(type);
        return RedisCalls.call("reading", slot.subject, () -> redis.opsForValue().get(slot.key));
    }

    /**
     * {@inheritDoc} One {@code PTTL}: the key's remaining time to live on Redis's clock, from now
     * on the injected one.
     */
    @Override
    public @Nullable Instant getCredentialExpiresAt(WxTokenType type) {
        Slot slot = slot(type);
        Long remaining = RedisCalls.call("reading the expiry of", slot.subject,
                () -> redis.getExpire(slot.key, TimeUnit.MILLISECONDS));
        // -2: no such key; -1: no expiry (never stored so by this class).
        return remaining == null || remaining < 0 ? null : clock.instant().plusMillis(remaining);
    }

    /** {@inheritDoc} One {@code SET ... PX}. */
    @Override
    public void updateCredential(WxTokenType type, String value, int expiresInSeconds) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " to store must not be empty");
        }
        long now = clock.millis();
        Duration timeToLive = Duration.ofMillis(refreshAhead.refreshAtMillis(now, expiresInSeconds) - now);
        Slot slot = slot(type);
        RedisCalls.call("storing", slot.subject, () -> {
            redis.opsForValue().set(slot.key, value, timeToLive);
            return null;
        });
    }

    /** {@inheritDoc} One {@code DEL}. */
    @Override
    public void expireCredential(WxTokenType type) {
        Slot slot = slot(type);
        RedisCalls.call("expiring", slot.subject, () -> redis.delete(slot.key));
    }

    /** {@inheritDoc} One Lua compare-and-delete. */
    @Override
    public boolean expireCredentialIfCurrent(WxTokenType type, String failedValue) {
        Objects.requireNonNull(failedValue, "failedValue must not be null: pass the credential that was rejected");
        Slot slot = slot(type);
        Long deleted = RedisCalls.call("expiring", slot.subject,
                () -> redis.execute(RedisRefreshLock.COMPARE_AND_DELETE, slot.keys, failedValue));
        return deleted != null && deleted == 1L;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Cluster-wide and bounded: {@link RefreshLock#acquire()} throws
     * {@link io.github.wxsession.session.WxLockTimeoutException} once the configured wait runs out,
     * and {@link WxRedisUnavailableException} if Redis cannot be reached. Not reentrant.
     */
    @Override
    public RefreshLock refreshLock(WxTokenType type) {
        return slot(type).lock;
    }

    @Override
    public String toString() {
        // The secret and the credentials stay out of logs.
        return "RedisWxConfigStorage[appId=" + getAppId() + ", key=" + slot(WxTokenType.ACCESS_TOKEN).key + ", "
                + refreshAhead + "]";
    }

    private Slot slot(WxTokenType type) {
        return slots[type.ordinal()];
    }

    /** One credential's key (alone and as the key list scripts take), its name for messages, its lock. */
    private record Slot(String key, List<String> keys, String subject, RefreshLock lock) {
    }

    /** Builds a {@link RedisWxConfigStorage}. Not thread-safe. */
    public static final class Builder extends AbstractWxConfigStorage.Builder<Builder> {
        private final RedisConnectionFactory connectionFactory;
        private String namespace = RedisNamespace.DEFAULT;
        private Duration lockLease = DEFAULT_LOCK_LEASE;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;

        private Builder(RedisConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The first part of every key; {@code wx} by default. No braces or whitespace. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * How long a holder keeps the refresh lock at most; 30 s by default. Make it longer than a
         * token fetch with its retries takes, or a second instance may fetch as well; a crashed
         * holder blocks the others this long.
         */
        public Builder lockLease(Duration lockLease) {
            this.lockLease = Durations.requirePositive(lockLease, "lockLease");
            return this;
        }

        /** How long a caller waits for the refresh lock before it fails; 10 s by default. */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = Durations.requirePositive(lockWait, "lockWait");
            return this;
        }

        /**
         * Pauses between attempts to take a lock held by another instance; sleeps the thread by
         * default. For same-package tests.
         */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        /** The storage; reads nothing from Redis yet. */
        public RedisWxConfigStorage build() {
            return new RedisWxConfigStorage(this);
        }
    }
}
