package io.github.wxsession.redis.session;

import io.github.wxsession.api.Sleeper;
import io.github.wxsession.redis.Durations;
import io.github.wxsession.redis.FailoverFence;
import io.github.wxsession.redis.OwnerTokens;
import io.github.wxsession.redis.RedisNamespace;
import io.github.wxsession.redis.SentinelSwitchFollower;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.redis.attribute.JacksonWxSessionAttributeSerializer;
import io.github.wxsession.redis.attribute.WxSessionAttributeSerializer;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionIds;
import io.github.wxsession.session.WxSessionListener;
import io.github.wxsession.session.WxSessionListeners;
import io.github.wxsession.session.WxSessionSettings;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.session.WxSessionSweeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Sessions of one account in Redis, shared by every instance of the application.
 *
 * <p><b>Direct mode</b> (any {@link #getSession} outside a scope): each lookup is one script that
 * loads the session, touches it, creates it atomically if asked, and destroys it first if it is
 * idle past its timeout. Attribute reads come from the loaded copy; each change is written through
 * at once by a script that never resurrects a session that is gone.
 *
 * <p><b>Scoped mode</b> ({@link #openScope}): one unit of work (a message, an HTTP request) loads
 * the session once, optionally under a lock, works on a request-local copy that this thread's
 * {@code getSession} returns, and writes what changed in one script at the end. See
 * {@link RedisSessionScope}.
 *
 * <p>Listeners hear each event once across all instances, on the instance that caused it:
 * created on the one whose script created the session; destroyed on the one whose script deleted
 * it (a lookup, an {@link WxSession#invalidate()}, or a sweep), with the attributes readable.
 * Expiry needs no keyspace notifications: the session key lives its timeout plus a grace period,
 * and {@link #expireStaleSessions()} (run by {@link #start()} on every instance) destroys sessions
 * that are due. If every instance is down for longer than the grace period, Redis drops the key
 * and its destroyed event is lost.
 *
 * <p>The live count is a per-account counter, changed once per created or destroyed session;
 * with {@link Builder#maxActiveSessions(int)} a slot is reserved atomically before a session is
 * created, so the limit is never overshot, and a sweep corrects a drifted count only when no other
 * instance is halfway through a change ({@link LiveSessionCount}). Session time comes from the
 * {@link Clock}; Redis's own clock expires keys and leases. An unreachable Redis fails calls with
 * {@link WxRedisUnavailableException} within the connection's command timeout. Thread-safe.
 */
public final class RedisWxSessionStore implements WxSessionStore {

    /** How long a session key outlives its timeout unless configured: time for a sweep to see it. */
    public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofMinutes(5);
    /** How long a unit of work holds a session lock at most unless configured. */
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(10);
    /** How long {@link #openScope} waits for a held lock unless configured; under WeChat's 5 s. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(4);

    private final String appId;
    private final RedisSessionRepository sessions;
    private final WxSessionListeners listeners = new WxSessionListeners();
    private final Clock clock;
    private final Duration lockWait;
    private final Sleeper sleeper;
    private final WxSessionSweeper sweeper;
    private final String description;
    private final ThreadLocal<RedisSessionScope> scopes = new ThreadLocal<>();
    private final LeaseRenewals renewals;
    private final PendingGiveBacks giveBacks;

    private static final String JEDIS_PACKAGE = "org.springframework.data.redis.connection.jedis.";

    /**
     * @param unawaited sends the last script of a unit of work that changed nothing without waiting
     *        for it; {@code null}: every script is awaited
     */
    RedisWxSessionStore(Builder builder, @Nullable UnawaitedScripts unawaited) {
        if (builder.appId == null || builder.appId.isBlank()) {
            throw new IllegalArgumentException("appId is required: set the account's AppID (WeCom: CorpID)");
        }
        this.appId = builder.appId;
        this.clock = builder.clock;
        this.lockWait = builder.lockWait;
        this.sleeper = builder.sleeper;
        long lockLeaseMillis = builder.lockLease.toMillis();
        SessionCommands redis = new SessionCommands(builder.connectionFactory,
                new RedisSessionKeys(builder.namespace, appId), appId, builder.defaultMaxInactiveInterval,
                builder.expiryGrace.toMillis(), lockLeaseMillis, builder.fence, unawaited);
        WxSessionAttributeSerializer serializer = builder.serializer != null ? builder.serializer
                : JacksonWxSessionAttributeSerializer.builder().build();
        this.sessions = new RedisSessionRepository(redis, clock, builder.defaultMaxInactiveInterval,
                builder.maxActiveSessions, serializer, listeners, lockLeaseMillis);
        this.description = "RedisWxSessionStore[appId=" + appId + ", timeout=" + builder.defaultMaxInactiveInterval
                + "s" + (builder.maxActiveSessions > 0 ? ", maxActive=" + builder.maxActiveSessions : "")
                + (builder.fence == FailoverFence.NONE ? "" : ", fence=" + builder.fence) + "]";
        this.sweeper = new WxSessionSweeper("wx-session-sweeper-" + appId, builder.sweepInterval,
                this::expireStaleSessions);
        this.renewals = new LeaseRenewals(redis, lockLeaseMillis, "wx-lease-renewals-" + appId,
                builder.renewalScheduler);
        this.giveBacks = new PendingGiveBacks(redis, clock, lockLeaseMillis, "wx-give-backs-" + appId);
        builder.listeners.forEach(listeners::add);
    }

    /**
     * A builder storing through {@code connectionFactory}, normally the application's own;
     * {@link Builder#appId(String)} is required.
     */
    public static Builder builder(RedisConnectionFactory connectionFactory) {
        if (connectionFactory == null) {
            throw new IllegalArgumentException(
                    "connectionFactory must not be null: pass the application's RedisConnectionFactory");
        }
        if (connectionFactory.getClass().getName().startsWith(JEDIS_PACKAGE)) {
            // Jedis pipelines nothing on a cluster (the sweep's reads), sends no script without waiting,
            // and follows neither a cluster's promotion nor a sentinel's switch the way the store needs.
            throw new IllegalArgumentException("The Redis session store needs Lettuce, Spring Boot's default Redis"
                    + " client, but the application's connection factory is " + connectionFactory.getClass().getName()
                    + ": remove Jedis from the classpath or set spring.data.redis.client-type=lettuce");
        }
        return new Builder(connectionFactory);
    }

    /** The account whose sessions this store holds. */
    public String getAppId() {
        return appId;
    }

    /** {@inheritDoc} Inside a scope for {@code sessionId}, its request-local copy; else one script. */
    @Override
    public WxSession getSession(String sessionId) {
        return getSession(sessionId, true);
    }

    /** {@inheritDoc} Inside a scope for {@code sessionId}, its request-local copy; else one script. */
    @Override
    public @Nullable WxSession getSession(String sessionId, boolean create) {
        WxSessionIds.requireValid(sessionId);
        RedisSessionScope scope = scopes.get();
        if (scope != null && scope.covers(sessionId)) {
            return scope.session(create);
        }
        return sessions.load(sessionId, create);
    }

    /**
     * Starts a unit of work on one session on this thread: one script loads and touches it (and
     * takes its lock if {@code lock}); until the scope ends, {@code getSession(sessionId)} on this
     * thread returns that request-local copy, whose changes are written by
     * {@link RedisSessionScope#close()} in one script. A session that does not exist yet is
     * created when first asked for. End the scope on this thread; discard it if the work failed:
     * <pre>{@code
     * try (RedisSessionScope scope = store.openScope(sessionId, true)) {
     *     try {
     *         work();
     *     } catch (RuntimeException e) {
     *         scope.discard();   // nothing is written, the lock is released
     *         throw e;
     *     }
     * }                          // close(): changes written, lock released
     * }</pre>
     *
     * @param lock whether units of work on this session run one at a time across all instances
     * @throws WxLockTimeoutException if the lock stayed held by another unit of work for the
     *         whole lock wait; its holder is slow or crashed (then the lock frees itself within its lease)
     *         <p>The lease of a scope's lock is not renewed: keep such units of work well within it.
     */
    public RedisSessionScope openScope(String sessionId, boolean lock) {
        WxSessionIds.requireValid(sessionId);
        byte[] owner = lock ? OwnerTokens.next() : null;
        Backoff backoff = null;
        while (true) {
            RedisSessionRepository.Loaded loaded = sessions.begin(sessionId, clock.millis(), owner, lock, null, null);
            if (loaded.status() != BeginStatus.LOCKED) {
                return bind(sessionId, owner, lock, loaded.session());
            }
            if (backoff == null) {
                backoff = new Backoff(clock, sleeper, lockWait);
            }
            if (!backoff.pause()) {
                throw lockTimeout(sessionId, lockWait);
            }
        }
    }

    @Override
    public void addListener(WxSessionListener listener) {
        listeners.add(listener);
    }

    /** {@inheritDoc} One {@code GET} of the account's counter. */
    @Override
    public int getActiveSessionCount() {
        return sessions.commands().count().live();
    }

    /**
     * {@inheritDoc} Scans this account's session keys, reads the access times of each page in one
     * pipeline, and runs an expire-if-due script on each due session: when several instances sweep
     * at once, exactly one of them destroys each session and tells its listeners.
     */
    @Override
    public int expireStaleSessions() {
        return sessions.expireStaleSessions();
    }

    /**
     * {@inheritDoc} One {@code PING} on the application's connection (unless a Sentinel failover
     * holds commands back, which counts as unavailable); with Lettuce, given up after
     * {@code timeout} even while the connection waits to reconnect.
     */
    @Override
    public void ping(Duration timeout) {
        sessions.commands().ping(Durations.requirePositive(timeout, "timeout"));
    }

    @Override
    public void start() {
        sweeper.start();
    }

    /**
     * Stops the sweep and the lease renewals, after waiting (up to 5 s) for the answers to lock
     * releases sent without waiting after read-only messages. The sessions stay in Redis for the
     * other instances and the next start. Stop the store before its connection factory.
     */
    @Override
    public void stop() {
        sweeper.stop();
        sessions.commands().awaitUnansweredEnds(Duration.ofSeconds(5));
        renewals.stop();
        giveBacks.stop();
    }

    /** Whether the background sweep runs. */
    public boolean isRunning() {
        return sweeper.isRunning();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return description;
    }

    // Scoped mode.

    /**
     * Makes a loaded session (or none yet) the request-local copy of a new scope bound to this thread.
     *
     * @param owner the value of the lock the scope holds, {@code null} for none
     */
    private RedisSessionScope bind(String sessionId, byte[] owner, boolean locked, RedisWxSession session) {
        RedisSessionScope scope = new RedisSessionScope(this, sessionId, owner, locked, session, scopes.get(), true);
        scopes.set(scope);
        return scope;
    }

    /** Binds {@code scope}'s predecessor again, if {@code scope} is the one bound. */
    void unbind(RedisSessionScope scope, RedisSessionScope previous) {
        if (scopes.get() == scope) {
            if (previous == null) {
                scopes.remove();
            } else {
                scopes.set(previous);
            }
        }
    }

    WxLockTimeoutException lockTimeout(String sessionId, Duration waited) {
        return new WxLockTimeoutException("gave up waiting " + waited + " for the lock of session " + sessionId
                + " of " + appId + ": another unit of work on it is slow or crashed (a crashed holder's lock frees"
                + " itself within its lease of " + Duration.ofMillis(sessions.lockLeaseMillis()) + ")");
    }

    RedisSessionRepository sessions() {
        return sessions;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Sends the last script of a unit of work that changed nothing without waiting for it, if
     * allowed and possible; {@code false}: the caller sends it and waits.
     */
    boolean releaseWithoutWaiting(String sessionId, long now, byte[] owner, boolean locked, byte[] dedupKey,
            byte[] finalRecord, byte[] dedupTtl) {
        return sessions.commands().endWithoutWaiting(sessionId, now, owner, locked, dedupKey, finalRecord, dedupTtl,
                () -> giveBacks.add(sessionId, owner, locked, dedupKey, finalRecord, dedupTtl));
    }

    /**
     * Runs {@code end}, the last script of a unit of work; if Redis is unavailable, what
     * {@code owner} took is given back once Redis answers again ({@link PendingGiveBacks}), and the
     * failure is thrown on.
     */
    long endOrGiveBackLater(String sessionId, byte[] owner, boolean locked, byte[] dedupKey, LongSupplier end) {
        try {
            return end.getAsLong();
        } catch (WxRedisUnavailableException e) {
            giveBacks.add(sessionId, owner, locked, dedupKey, null, null);
            throw e;
        }
    }

    /** Give-backs waiting for Redis; for tests. */
    int pendingGiveBacks() {
        return giveBacks.size();
    }

    LeaseRenewals renewals() {
        return renewals;
    }

    /** Settings of a {@link RedisWxSessionStore}; all but the app id have defaults. Not thread-safe. */
    public static final class Builder {
        private final RedisConnectionFactory connectionFactory;
        private final List<WxSessionListener> listeners = new ArrayList<>();
        private String appId;
        private String namespace = RedisNamespace.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private int defaultMaxInactiveInterval = (int) Duration.ofMinutes(30).toSeconds();
        private int maxActiveSessions;
        private Duration expiryGrace = DEFAULT_EXPIRY_GRACE;
        private Duration sweepInterval = Duration.ofSeconds(60);
        private Duration lockLease = DEFAULT_LOCK_LEASE;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private WxSessionAttributeSerializer serializer;
        private boolean deferReadOnlyReleases = true;
        private ScheduledExecutorService renewalScheduler;
        private FailoverFence fence = FailoverFence.NONE;

        private Builder(RedisConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
        }

        /** The AppID (WeCom: CorpID) whose sessions these are; part of every key. Required. */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** The first part of every key; {@code wx} by default. No braces or whitespace. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Where time comes from; tests pass a clock they can move. Default: the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Idle time after which a new session expires (default 30 minutes), to whole seconds;
         * zero or negative means sessions never expire.
         */
        public Builder defaultMaxInactiveInterval(Duration timeout) {
            this.defaultMaxInactiveInterval = WxSessionSettings.timeoutSeconds(timeout);
            return this;
        }

        /** Most live sessions of the account at once, across all instances (default: no limit). */
        public Builder maxActiveSessions(int maxActiveSessions) {
            this.maxActiveSessions = WxSessionSettings.maxActiveSessions(maxActiveSessions);
            return this;
        }

        /**
         * How long a session key outlives its timeout (default 5 minutes), at least half of it: an
         * access sets the key's time to live again only once half the grace has passed since it
         * was last set, which spares a command on most messages. A sweep must see the key in that
         * time, or Redis drops it silently and its destroyed event is lost: keep half of it longer
         * than the sweep interval.
         */
        public Builder expiryGrace(Duration expiryGrace) {
            this.expiryGrace = Durations.requireAtLeastZero(expiryGrace, "expiryGrace");
            return this;
        }

        /** Time between two background sweeps once {@link #start()} ran (default 60 seconds). */
        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = Durations.requirePositive(sweepInterval, "sweepInterval");
            return this;
        }

        /**
         * How long a session's lock and a message's in-progress record live without renewal
         * (default 10 s), by Redis's clock. While a message's handler runs, its lease is renewed
         * every third of this, so only a crashed or frozen instance loses it: its session is then
         * blocked this long, and its late save is refused. An HTTP scope's lock is not renewed.
         */
        public Builder lockLease(Duration lockLease) {
            this.lockLease = Durations.requirePositive(lockLease, "lockLease");
            return this;
        }

        /** How long {@link #openScope} waits for a held session lock (default 4 s). */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = Durations.requireAtLeastZero(lockWait, "lockWait");
            return this;
        }

        /** Pauses between attempts to take a held lock; sleeps the thread by default. For same-package tests. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        /**
         * How attribute values are stored; by default {@link JacksonWxSessionAttributeSerializer}
         * with the JDK's value types only.
         */
        public Builder attributeSerializer(WxSessionAttributeSerializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
            return this;
        }

        /**
         * Whether a message whose handler changed nothing in the session replies without waiting
         * for its last script (lock released, reply cached), which is then sent without waiting
         * for its answer: one awaited round trip instead of two (default {@code true}). Needs
         * Lettuce with a shared native connection (Spring Boot's default); otherwise, or with
         * {@code false}, every message waits for both.
         */
        public Builder deferReadOnlyReleases(boolean defer) {
            this.deferReadOnlyReleases = defer;
            return this;
        }

        /**
         * The scheduler that renews the leases of running deliveries; by default one daemon thread
         * of the store's own, started with the first delivery and stopped by {@link #stop()}. A
         * scheduler given here is used as is and never shut down by the store.
         */
        public Builder leaseRenewalScheduler(ScheduledExecutorService scheduler) {
            this.renewalScheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
            return this;
        }

        /**
         * Holds the store's commands while Redis fails over, answering them as unavailable, so no
         * write lands on a master that is about to lose it: pass the connection factory's
         * {@link SentinelSwitchFollower} (the Spring Boot starter does). None by default.
         */
        public Builder failoverFence(FailoverFence fence) {
            this.fence = Objects.requireNonNull(fence, "fence must not be null");
            return this;
        }

        /** Adds a listener; more can be added later with {@link RedisWxSessionStore#addListener}. */
        public Builder listener(WxSessionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /** The store; talks to Redis only when used. */
        public RedisWxSessionStore build() {
            return new RedisWxSessionStore(this,
                    deferReadOnlyReleases ? UnawaitedScripts.forFactory(connectionFactory) : null);
        }
    }
}
