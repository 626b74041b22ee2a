package io.github.wxsession.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Sessions in this JVM's heap, for a single node.
 *
 * <p>Get-or-create is atomic per id. A session idle past its timeout is destroyed when it is next
 * looked up or by the background sweep ({@link #start()}), whichever comes first, and its
 * listeners hear of it exactly once. The optional limit on live sessions is never overshot, even
 * under concurrent creation. All time comes from the {@link Clock} given to the builder.
 *
 * <pre>{@code
 * InMemoryWxSessionStore store = InMemoryWxSessionStore.builder()
 *         .defaultMaxInactiveInterval(Duration.ofMinutes(30))
 *         .maxActiveSessions(100_000)
 *         .build();
 * store.start();  // background expiry; close() stops it
 * }</pre>
 */
public final class InMemoryWxSessionStore implements WxSessionStore {

    private final ConcurrentHashMap<String, InMemoryWxSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final WxSessionListeners listeners = new WxSessionListeners();
    private final Clock clock;
    private final int defaultMaxInactiveInterval;
    private final int maxActiveSessions;
    private final WxSessionSweeper sweeper;

    /** A store with the defaults: 30 minute timeout, no limit, a sweep every minute once started. */
    public InMemoryWxSessionStore() {
        this(builder());
    }

    private InMemoryWxSessionStore(Builder builder) {
        this.clock = builder.clock;
        this.defaultMaxInactiveInterval = builder.defaultMaxInactiveInterval;
        this.maxActiveSessions = builder.maxActiveSessions;
        this.sweeper = new WxSessionSweeper("wx-session-sweeper", builder.sweepInterval, this::expireStaleSessions);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WxSession getSession(String sessionId) {
        return getSession(sessionId, true);
    }

    @Override
    public @Nullable WxSession getSession(String sessionId, boolean create) {
        if (sessionId == null) {
            WxSessionIds.requireValid(sessionId);
        }
        long now = clock.millis();
        // Only valid ids are ever stored, so a hit needs no further check; a miss does.
        InMemoryWxSession session = sessions.get(sessionId);
        if (session != null) {
            if (session.access(now)) {
                return session;
            }
            destroy(session, WxSessionDestroyReason.EXPIRED, now);
        } else {
            WxSessionIds.requireValid(sessionId);
        }
        return create ? create(sessionId, now) : null;
    }

    private WxSession create(String sessionId, long now) {
        reserveSlot();
        InMemoryWxSession fresh = new InMemoryWxSession(sessionId, this, now, defaultMaxInactiveInterval);
        InMemoryWxSession[] displaced = new InMemoryWxSession[1];
        InMemoryWxSession winner = sessions.compute(sessionId, (id, current) -> {
            if (current != null) {
                if (current.access(now)) {
                    return current;
                }
                // Expired under our feet: the compute removes it, so claim its destruction here
                // (a state change only) and tell the listeners once we are out of the map's lock.
                if (current.beginDestroy(WxSessionDestroyReason.EXPIRED, now)) {
                    displaced[0] = current;
                }
            }
            return fresh;
        });
        if (displaced[0] != null) {
            completeDestroy(displaced[0], WxSessionDestroyReason.EXPIRED);
        }
        if (winner != fresh) {
            activeSessions.decrementAndGet();
            return winner;
        }
        WxSession view = new NewSessionView(fresh);
        if (!listeners.isEmpty()) {
            listeners.created(view);
        }
        return view;
    }

    /** Takes one of the live-session slots, sweeping once before refusing. */
    private void reserveSlot() {
        if (tryReserveSlot()) {
            return;
        }
        // Sessions idle past their timeout still hold slots until swept; free them first.
        expireStaleSessions();
        if (!tryReserveSlot()) {
            throw new TooManyActiveSessionsException(maxActiveSessions);
        }
    }

    private boolean tryReserveSlot() {
        for (;;) {
            int active = activeSessions.get();
            if (active >= maxActiveSessions) {
                return false;
            }
            if (activeSessions.compareAndSet(active, active + 1)) {
                return true;
            }
        }
    }

    /**
     * Destroys {@code session} unless someone else already is (or, for expiry, it is not due).
     *
     * @return whether this call destroyed it
     */
    boolean destroy(InMemoryWxSession session, WxSessionDestroyReason reason, long now) {
        if (!session.beginDestroy(reason, now)) {
            return false;
        }
        sessions.remove(session.getId(), session);
        completeDestroy(session, reason);
        return true;
    }

    private void completeDestroy(InMemoryWxSession session, WxSessionDestroyReason reason) {
        activeSessions.decrementAndGet();
        try {
            if (!listeners.isEmpty()) {
                listeners.destroyed(session, reason);
            }
        } finally {
            session.finishDestroy();
        }
    }

    @Override
    public int expireStaleSessions() {
        long now = clock.millis();
        int expired = 0;
        for (InMemoryWxSession session : sessions.values()) {
            if (session.isExpiredAt(now) && destroy(session, WxSessionDestroyReason.EXPIRED, now)) {
                expired++;
            }
        }
        return expired;
    }

    @Override
    public void addListener(WxSessionListener listener) {
        listeners.add(listener);
    }

    WxSessionListeners listeners() {
        return listeners;
    }

    @Override
    public int getActiveSessionCount() {
        return activeSessions.get();
    }

    @Override
    public void start() {
        sweeper.start();
    }

    @Override
    public void stop() {
        sweeper.stop();
    }

    /** Whether the background sweep runs. */
    public boolean isRunning() {
        return sweeper.isRunning();
    }

    /**
     * Stops the sweep and destroys every live session with {@link WxSessionDestroyReason#EVICTED},
     * so listeners can release what they tied to a session; nothing in memory survives anyway.
     */
    @Override
    public void close() {
        sweeper.stop();
        for (InMemoryWxSession session : sessions.values()) {
            destroy(session, WxSessionDestroyReason.EVICTED, 0L);
        }
    }

    /** Settings of an {@link InMemoryWxSessionStore}; each has a default. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private int defaultMaxInactiveInterval = (int) Duration.ofMinutes(30).toSeconds();
        private int maxActiveSessions = Integer.MAX_VALUE;
        private Duration sweepInterval = Duration.ofSeconds(60);
        private final List<WxSessionListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Where time comes from; tests pass a clock they can move. Default: the UTC system clock. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
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

        /** Most live sessions at once (default: no limit); one more is refused. */
        public Builder maxActiveSessions(int maxActiveSessions) {
            this.maxActiveSessions = WxSessionSettings.maxActiveSessions(maxActiveSessions);
            return this;
        }

        /** Time between two background sweeps once {@link #start()} ran (default 60 seconds). */
        public Builder sweepInterval(Duration sweepInterval) {
            if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
                throw new IllegalArgumentException("sweepInterval must be positive, but was " + sweepInterval);
            }
            this.sweepInterval = sweepInterval;
            return this;
        }

        /** Adds a listener; more can be added later with {@link InMemoryWxSessionStore#addListener}. */
        public Builder listener(WxSessionListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(listener);
            return this;
        }

        public InMemoryWxSessionStore build() {
            InMemoryWxSessionStore store = new InMemoryWxSessionStore(this);
            listeners.forEach(store::addListener);
            return store;
        }
    }
}
