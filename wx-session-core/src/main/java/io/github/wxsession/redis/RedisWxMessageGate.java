package io.github.wxsession.redis;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxMessageClaim;
import io.github.wxsession.router.WxMessageDuplicateChecker;
import io.github.wxsession.session.WxSessionIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.springframework.dao.CannotAcquireLockException;

/**
 * Exactly-once delivery and the sender's session for one account's router, in two Redis round
 * trips per message, across all instances:
 * <ol>
 * <li><b>claim</b>, one script: the message's de-dup record is checked (handled: the cached reply
 *     is answered; in progress elsewhere: the claim polls), else marked in progress; the sender's
 *     session lock is taken; the session is loaded and touched and becomes the thread's
 *     {@linkplain RedisSessionScope scope}, so handlers calling {@code getSession(openid)} on the
 *     store get the request-local copy;
 * <li><b>complete</b>, one script: the session's changes saved, the lock released, the reply
 *     cached for the de-dup TTL. If the handler only read the session, the reply does not wait
 *     for this script: it is sent right after, so such a message costs one awaited round trip. <b>release</b> (the handler failed) writes nothing, releases the
 *     lock and deletes the de-dup record, so WeChat's retry handles the message again.
 * </ol>
 * Messages of one sender run one at a time; a delivery waits (polling with backoff) up to
 * {@linkplain Builder#maxWait(Duration) max wait} for a duplicate in progress or for the sender's
 * lock. A crashed instance leaves a lock and an in-progress record that count only until their
 * lease ({@link RedisWxSessionStore.Builder#lockLease(Duration)}) runs out on the injected clock.
 * <p>
 * Set it on the router together with its store: {@code router.setSessionManager(store);
 * router.setDuplicateChecker(RedisWxMessageGate.builder(store).build())}. Call {@code complete}
 * and {@code release} on the claiming thread, as the router does; from another thread the record
 * and the lock are still settled, but the session's changes are not saved. Thread-safe.
 */
public final class RedisWxMessageGate implements WxMessageDuplicateChecker {

    /** How long a handled message's reply is kept by default: WeChat's retries come within ~15 s. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** How long a delivery waits for a duplicate in progress by default; under WeChat's 5 s timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(4);

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

    /** {@inheritDoc} A claim without a message has no sender: de-duplication only, no session. */
    @Override
    public WxMessageClaim claim(String key) {
        return claim(key, null);
    }

    /**
     * {@inheritDoc} Binds the sender's session to this thread when acquired.
     *
     * @throws CannotAcquireLockException if another message of the same sender held its session
     *         lock for the whole wait; answer 503 so WeChat retries
     * @throws WxRedisUnavailableException if Redis cannot be reached; answer 503
     */
    @Override
    public WxMessageClaim claim(String key, WxXmlMessage message) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        String sender = senderOf(message);
        byte[] dedupKey = sessions.commands().keys().dedup(sender, key);
        String token = OwnerTokens.next();
        Backoff backoff = null;
        boolean lock = !sender.isEmpty();
        while (true) {
            long now = sessions.clock().millis();
            byte[] owner = sessions.owner(now, token);
            RedisSessionRepository.Loaded loaded = sessions.begin(sender, now, owner, lock, dedupKey, ttl);
            switch (loaded.status()) {
                case HANDLED -> {
                    return WxMessageClaim.handled(key, loaded.reply().isEmpty() ? null : loaded.reply());
                }
                case LOCKED, IN_PROGRESS -> {
                    if (backoff == null) {
                        backoff = new Backoff(sessions.clock(), store.sleeper(), maxWait);
                    }
                    if (!backoff.pause()) {
                        if (loaded.status() == BeginStatus.LOCKED) {
                            throw store.lockTimeout(sender, maxWait);
                        }
                        return WxMessageClaim.inProgress(key);
                    }
                }
                default -> {
                    store.bind(sender, owner, lock, loaded.session());
                    return WxMessageClaim.acquired(key, new String(owner, StandardCharsets.UTF_8) + '|' + sender);
                }
            }
        }
    }

    /**
     * {@inheritDoc} One script: session saved, lock released, reply cached. When the handler
     * changed nothing in the session, the script is sent after this returns (see
     * {@link RedisWxSessionStore.Builder#deferReadOnlyReleases}), so the reply does not wait for it.
     */
    @Override
    public void complete(WxMessageClaim claim, String replyXml) {
        Claim owned = Claim.of(claim);
        byte[] dedupKey = sessions.commands().keys().dedup(owned.sender, claim.key());
        byte[] reply = replyXml == null ? HANDLED : RedisSessionKeys.bytes("h:" + replyXml);
        RedisSessionScope scope = store.currentScope();
        if (scope != null && scope.owns(owned.owner)) {
            scope.end(dedupKey, reply, ttl, true);
        } else {
            sessions.commands().end(owned.sender, sessions.clock().millis(), owned.owner, -1, null, dedupKey, reply,
                    ttl);
        }
    }

    /** {@inheritDoc} One script: nothing saved, lock released, the record deleted. */
    @Override
    public void release(WxMessageClaim claim) {
        Claim owned = Claim.of(claim);
        byte[] dedupKey = sessions.commands().keys().dedup(owned.sender, claim.key());
        RedisSessionScope scope = store.currentScope();
        if (scope != null && scope.owns(owned.owner)) {
            scope.abandon(dedupKey);
        } else {
            sessions.commands().end(owned.sender, sessions.clock().millis(), owned.owner, -1, null, dedupKey, null,
                    null);
        }
    }

    @Override
    public String toString() {
        return "RedisWxMessageGate[" + store.getAppId() + ", ttl=" + new String(ttl, StandardCharsets.US_ASCII)
                + "ms, maxWait=" + maxWait + "]";
    }

    /** The sender, whose session the message is handled in; {@code ""} when it has none usable. */
    private static String senderOf(WxXmlMessage message) {
        String sender = message == null ? null : message.getFromUserName();
        if (sender == null || sender.isBlank() || sender.length() > WxSessionIds.MAX_LENGTH) {
            return "";
        }
        return sender;
    }

    /**
     * An acquired claim's token, {@code <deadline>|<owner>|<sender>}: the first two parts are the
     * value of the lock and of the in-progress record, the last says whose session it was.
     */
    private record Claim(byte[] owner, String sender) {

        static Claim of(WxMessageClaim claim) {
            if (claim == null || claim.outcome() != WxMessageClaim.Outcome.ACQUIRED) {
                throw new IllegalArgumentException("only an ACQUIRED claim can be completed or released, got " + claim);
            }
            String token = claim.token();
            int split = token.indexOf('|', token.indexOf('|') + 1);
            if (split < 0) {
                throw new IllegalArgumentException("not a claim of a RedisWxMessageGate: " + claim);
            }
            return new Claim(token.substring(0, split).getBytes(StandardCharsets.UTF_8), token.substring(split + 1));
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
