package io.github.wxsession.redis.session;

import io.github.wxsession.redis.Durations;
import io.github.wxsession.redis.OwnerTokens;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.router.WxDelivery;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageGate;
import io.github.wxsession.router.WxParkedReplies;
import io.github.wxsession.router.WxSenderBusyException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionIds;
import io.github.wxsession.session.WxSessionManager;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Exactly-once delivery and the sender's session for one account's router, in two Redis round
 * trips per message, across all instances:
 * <ol>
 * <li><b>begin</b>, one script: the message's de-dup record is checked (handled: the cached reply
 *     is answered; in progress elsewhere: the delivery polls), else marked in progress; the
 *     sender's session lock is taken; the session is loaded and touched and becomes the
 *     delivery's request-local copy, which its handlers get from the delivery's session manager;
 * <li><b>complete</b>, one script: the session's changes saved, the lock released, the reply
 *     cached for the de-dup TTL, all only while the delivery still holds its lock and record
 *     (fencing). If the handler only read the session, the reply does not wait for this script:
 *     it is sent right after, so such a message costs one awaited round trip. <b>abandon</b> (the
 *     handler failed) writes nothing, releases the lock and deletes the de-dup record, so
 *     WeChat's retry handles the message again.
 * </ol>
 * Messages of one sender run one at a time; a delivery waits (polling with backoff) up to
 * {@linkplain Builder#maxWait(Duration) max wait} for a duplicate in progress or for the sender's
 * lock. The lock and the in-progress record live the store's
 * {@linkplain RedisWxSessionStore.Builder#lockLease(Duration) lease} by Redis's own clock, and are
 * renewed every third of it while the handler runs: a crashed or frozen instance's hold lapses
 * within one lease, and if it wakes up, its save is refused ({@link WxDeliveryLostException}).
 * <p>
 * Set it on the router together with its store: {@code router.setSessionManager(store);
 * router.setGate(RedisWxMessageGate.builder(store).build())}. Thread-safe.
 */
public final class RedisWxMessageGate implements WxMessageGate {

    /** How long a handled message's reply is kept by default: WeChat's retries come within ~15 s. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** How long a delivery waits for a duplicate in progress by default; under WeChat's 5 s timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(4);

    private static final System.Logger LOG = System.getLogger(RedisWxMessageGate.class.getName());
    private static final byte[] HANDLED = RedisSessionKeys.bytes("h:");

    private final RedisWxSessionStore store;
    private final RedisSessionRepository sessions;
    private final byte[] ttl;
    private final Duration maxWait;

    private RedisWxMessageGate(Builder builder) {
        this.store = builder.store;
        this.sessions = builder.store.sessions();
        this.ttl = SessionCommands.ascii(builder.ttl.toMillis());
        this.maxWait = builder.maxWait;
    }

    /** A gate loading senders' sessions from {@code store}, which the router must also use as its session manager. */
    public static Builder builder(RedisWxSessionStore store) {
        return new Builder(Objects.requireNonNull(store, "store must not be null: pass the account's session store"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws WxSenderBusyException if another message of the same sender held its session lock
     *         for the whole wait; answer 503 so WeChat retries
     * @throws WxRedisUnavailableException if Redis cannot be reached; answer 503
     */
    @Override
    public WxMessageAdmission begin(String key, @Nullable String sender) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        String sessionId = sender == null ? "" : WxSessionIds.requireValid(sender);
        boolean lock = sender != null;
        byte[] dedupKey = sessions.commands().keys().dedup(sessionId, key);
        byte[] owner = OwnerTokens.next();
        Backoff backoff = null;
        int delivery = 0;
        boolean parkAsked = false;
        while (true) {
            RedisSessionRepository.Loaded loaded;
            try {
                // Only the first try of this delivery counts it; its polls don't.
                loaded = sessions.begin(sessionId, sessions.clock().millis(), owner, lock, dedupKey,
                        backoff == null ? ttl : null);
            } catch (RuntimeException e) {
                // The script may have taken the lock and the record before the failure (a listener,
                // the counter): give back whatever this owner holds, so nothing waits for a lease.
                giveBack(sessionId, owner, lock, dedupKey, e);
                throw e;
            }
            switch (loaded.status()) {
                case HANDLED -> {
                    return handled(key, loaded.reply());
                }
                case LOCKED, IN_PROGRESS -> {
                    if (backoff == null) {
                        backoff = new Backoff(sessions.clock(), store.sleeper(), maxWait);
                        delivery = loaded.delivery();
                    }
                    if (backoff.pause()) {
                        continue;
                    }
                    if (loaded.status() == BeginStatus.LOCKED) {
                        throw new WxSenderBusyException(key, sender, maxWait);
                    }
                    if (sender == null || delivery < WECHAT_DELIVERIES || parkAsked) {
                        return WxMessageAdmission.inProgress(key);
                    }
                    parkAsked = true;
                    List<Object> asked = sessions.commands().park(dedupKey, ttl);
                    long answer = (Long) asked.get(0);
                    if (answer == 1L) {
                        return WxMessageAdmission.parked(key);
                    }
                    if (answer == BeginStatus.HANDLED.ordinal()) {
                        return handled(key, new String((byte[]) asked.get(1), StandardCharsets.UTF_8));
                    }
                    // Nobody holds it any more (its delivery failed): one more try may take it.
                }
                default -> {
                    RedisSessionScope scope = new RedisSessionScope(store, sessionId, owner, lock, loaded.session(),
                            null, false);
                    LeaseRenewals.Renewal renewal;
                    try {
                        renewal = store.renewals().start(sessionId, owner, lock, dedupKey, key);
                    } catch (RuntimeException e) {
                        giveBack(sessionId, owner, lock, dedupKey, e);
                        throw e;
                    }
                    return WxMessageAdmission.acquired(new Delivery(key, sender, dedupKey, scope, renewal));
                }
            }
        }
    }

    private static WxMessageAdmission handled(String key, String reply) {
        return WxMessageAdmission.handled(key, reply.isEmpty() ? null : reply);
    }

    /** Releases what {@code owner} may hold (the end script touches only what is still its own). */
    private void giveBack(String sessionId, byte[] owner, boolean lock, byte[] dedupKey, RuntimeException failure) {
        try {
            store.endOrGiveBackLater(sessionId, owner, lock, dedupKey, () -> sessions.commands().end(sessionId,
                    sessions.clock().millis(), owner, lock, -1, null, dedupKey, null, null));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "RedisWxMessageGate[" + store.getAppId() + ", ttl=" + new String(ttl, StandardCharsets.US_ASCII)
                + "ms, maxWait=" + maxWait + "]";
    }

    /** One acquired delivery: its scope on the sender's session and the renewal of its lease. */
    private final class Delivery implements WxDelivery {
        private final String key;
        private final String sender;
        private final byte[] dedupKey;
        private final RedisSessionScope scope;
        private final LeaseRenewals.Renewal renewal;
        private final AtomicBoolean ended = new AtomicBoolean();

        Delivery(String key, String sender, byte[] dedupKey, RedisSessionScope scope, LeaseRenewals.Renewal renewal) {
            this.key = key;
            this.sender = sender;
            this.dedupKey = dedupKey;
            this.scope = scope;
            this.renewal = renewal;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public @Nullable String sender() {
            return sender;
        }

        /** The sender's request-local copy for the sender; any other id from {@code shared} (or the store). */
        @Override
        public WxSessionManager sessionManager(WxSessionManager shared) {
            WxSessionManager others = shared != null ? shared : store;
            if (sender == null) {
                return others;
            }
            return new WxSessionManager() {
                @Override
                public WxSession getSession(String sessionId) {
                    return getSession(sessionId, true);
                }

                @Override
                public @Nullable WxSession getSession(String sessionId, boolean create) {
                    return sender.equals(sessionId) ? scope.session(create) : others.getSession(sessionId, create);
                }
            };
        }

        /** {@inheritDoc} From the copy loaded with the delivery: no round trip. */
        @Override
        public @Nullable String takeParkedReply() {
            return sender == null ? null : WxParkedReplies.take(scope.session(false));
        }

        /**
         * {@inheritDoc} One script: session saved, lock released, reply cached. When the handler
         * changed nothing in the session and ran within the first third of its lease (so the lease
         * surely holds), the script is sent after this returns (see
         * {@link RedisWxSessionStore.Builder#deferReadOnlyReleases}); otherwise this waits for it, so
         * that a lapsed lease is found and reported.
         */
        @Override
        public void complete(@Nullable String replyXml) {
            end();
            boolean surelyHeld = renewal.surelyHeld();
            renewal.stop();
            checkHeld(scope.end(dedupKey, record(replyXml), ttl, surelyHeld));
        }

        /**
         * {@inheritDoc} One script too, which parks the reply in the sender's session (created now
         * if absent) if the message's late record asks for it.
         */
        @Override
        public boolean completeLate(@Nullable String cachedReplyXml, @Nullable String replyXml) {
            end();
            renewal.stop();
            if (replyXml == null || sender == null) {
                checkHeld(scope.end(dedupKey, record(cachedReplyXml), ttl, false));
                return false;
            }
            return checkHeld(scope.endParking(dedupKey, record(cachedReplyXml), ttl, replyXml))
                    == SessionCommands.PARKED;
        }

        private void end() {
            if (!ended.compareAndSet(false, true)) {
                throw new IllegalStateException("the delivery of message " + key + " has ended already");
            }
        }

        private static byte[] record(String replyXml) {
            return replyXml == null ? HANDLED : RedisSessionKeys.bytes("h:" + replyXml);
        }

        private long checkHeld(long ended) {
            if (ended == SessionCommands.FENCED) {
                LOG.log(Level.WARNING, () -> "message " + key + " of " + store.getAppId() + ": its delivery lost its"
                        + " lease while the handler ran, so its session changes and reply were discarded; the"
                        + " delivery that holds the message now decides both");
                throw new WxDeliveryLostException(key);
            }
            return ended;
        }

        /** {@inheritDoc} One script: nothing saved, lock released, the record deleted. */
        @Override
        public void abandon() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            renewal.stop();
            try {
                scope.abandon(dedupKey);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "could not free message " + key + " after its handler failed; it frees"
                        + " itself within the lease: " + e);
            }
        }

        @Override
        public String toString() {
            return "RedisWxMessageGate.Delivery[" + key + "]";
        }
    }

    /** Settings of a {@link RedisWxMessageGate}. Not thread-safe. */
    public static final class Builder {
        private final RedisWxSessionStore store;
        private Duration ttl = DEFAULT_TTL;
        private Duration maxWait = DEFAULT_MAX_WAIT;

        private Builder(RedisWxSessionStore store) {
            this.store = store;
        }

        /** How long a handled message's reply is answered to its duplicates (default 60 s). */
        public Builder ttl(Duration ttl) {
            this.ttl = Durations.requirePositive(ttl, "ttl");
            return this;
        }

        /**
         * How long a delivery waits for a duplicate in progress, or for its sender's lock, before
         * it gives up (default 4 s): keep it under WeChat's 5 s timeout.
         */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Durations.requireAtLeastZero(maxWait, "maxWait");
            return this;
        }

        public RedisWxMessageGate build() {
            return new RedisWxMessageGate(this);
        }
    }
}
