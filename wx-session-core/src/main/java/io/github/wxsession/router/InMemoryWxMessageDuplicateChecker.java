package io.github.wxsession.router;

import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WxMessageDuplicateChecker} for one JVM. Thread-safe.
 *
 * <p>A duplicate that arrives while the first delivery runs blocks until that delivery settles (up
 * to {@link Builder#maxWait(Duration)}, default 4 s) rather than polling. An entry, in flight or
 * handled, lives {@link Builder#ttl(Duration) ttl} (default 60 s) from its claim, measured by the
 * injected {@link Clock}: that covers WeChat's three retries with room to spare, and also frees
 * the key of a handler that hangs. Expired entries are replaced when their key comes back and
 * swept on every new claim (entries expire in claim order, so the sweep only looks at the oldest),
 * which bounds memory to the messages of one TTL: roughly 200 bytes per message plus its reply.
 */
public final class InMemoryWxMessageDuplicateChecker implements WxMessageDuplicateChecker {

    /** How long a claimed key is remembered by default. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** How long a duplicate waits for the first delivery by default; under WeChat's 5 s timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(4);

    private static final int SWEEP_BUDGET = 32;

    private final Clock clock;
    private final long ttlMillis;
    private final long maxWaitNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<Entry> claimOrder = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final AtomicLong tokens = new AtomicLong();

    /** A checker with the default TTL and wait, on the system clock. */
    public InMemoryWxMessageDuplicateChecker() {
        this(builder());
    }

    private InMemoryWxMessageDuplicateChecker(Builder builder) {
        this.clock = builder.clock;
        this.ttlMillis = builder.ttl.toMillis();
        this.maxWaitNanos = builder.maxWait.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WxMessageClaim claim(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        while (true) {
            long now = clock.millis();
            Entry fresh = new Entry(key, tokens.incrementAndGet(), now + ttlMillis);
            Entry current = entries.compute(key, (k, existing) -> existing == null || existing.isFree(now) ? fresh : existing);
            if (current == fresh) {
                claimOrder.add(fresh);
                sweep(now);
                return WxMessageClaim.acquired(key, Long.toString(fresh.token));
            }
            if (current.state == Entry.DONE) {
                return WxMessageClaim.handled(key, current.replyXml);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !current.awaitSettled(remaining)) {
                return WxMessageClaim.inProgress(key);
            }
            // Settled: handled (answered on the next pass) or released (claimed on the next pass).
        }
    }

    @Override
    public void complete(WxMessageClaim claim, String replyXml) {
        Entry entry = owned(claim);
        if (entry != null) {
            entry.replyXml = replyXml;
            entry.settle(Entry.DONE);
        }
    }

    @Override
    public void release(WxMessageClaim claim) {
        Entry entry = owned(claim);
        if (entry != null) {
            entry.settle(Entry.RELEASED);
            entries.remove(entry.key, entry);
        }
    }

    /** Keys currently remembered, in flight or handled, expired ones not yet swept included. */
    public int size() {
        return entries.size();
    }

    private Entry owned(WxMessageClaim claim) {
        if (claim == null || claim.outcome() != WxMessageClaim.Outcome.ACQUIRED) {
            throw new IllegalArgumentException("only an ACQUIRED claim can be completed or released, got " + claim);
        }
        Entry entry = entries.get(claim.key());
        // A different token means the claim expired and the key was claimed again: leave the new owner alone.
        return entry != null && Long.toString(entry.token).equals(claim.token()) && entry.state == Entry.IN_FLIGHT
                ? entry : null;
    }

    /** Drops expired entries from the oldest end; one sweeper at a time, others skip rather than wait. */
    private void sweep(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            Entry oldest;
            int budget = SWEEP_BUDGET;
            while (budget-- > 0 && (oldest = claimOrder.peek()) != null && oldest.expiresAt <= now) {
                claimOrder.poll();
                entries.remove(oldest.key, oldest);
            }
        } finally {
            sweeping.unlock();
        }
    }

    /**
     * One claimed key; its state moves once, from IN_FLIGHT to DONE or RELEASED. Kept small (no
     * latch, a numeric token) because a busy account holds a TTL's worth of them: waiters, which
     * are rare, use the entry's own monitor.
     */
    private static final class Entry {
        static final int IN_FLIGHT = 0;
        static final int DONE = 1;
        static final int RELEASED = 2;

        final String key;
        final long token;
        final long expiresAt;
        volatile int state = IN_FLIGHT;
        // Written before the volatile state, so whoever reads DONE sees the reply.
        String replyXml;

        Entry(String key, long token, long expiresAt) {
            this.key = key;
            this.token = token;
            this.expiresAt = expiresAt;
        }

        boolean isFree(long now) {
            return state == RELEASED || expiresAt <= now;
        }

        synchronized void settle(int finalState) {
            state = finalState;
            notifyAll();
        }

        /** Whether the entry settled within {@code nanos}; an interrupt counts as not settled. */
        synchronized boolean awaitSettled(long nanos) {
            long deadline = System.nanoTime() + nanos;
            try {
                while (state == IN_FLIGHT) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Settings of an {@link InMemoryWxMessageDuplicateChecker}. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Duration ttl = DEFAULT_TTL;
        private Duration maxWait = DEFAULT_MAX_WAIT;

        private Builder() {
        }

        /** The clock entries expire by; tests pass a controllable one. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /** How long a key is remembered from its claim; must be positive. */
        public Builder ttl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /**
         * How long a duplicate waits for the first delivery before answering
         * {@code IN_PROGRESS}; zero means not at all. Keep it under WeChat's 5 s timeout.
         */
        public Builder maxWait(Duration maxWait) {
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be zero or positive, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        public InMemoryWxMessageDuplicateChecker build() {
            return new InMemoryWxMessageDuplicateChecker(this);
        }
    }
}
