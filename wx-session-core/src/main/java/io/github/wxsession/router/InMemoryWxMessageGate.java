package io.github.wxsession.router;

import io.github.wxsession.session.WxSessionManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WxMessageGate} for one JVM and one account. Thread-safe.
 *
 * <p>A delivery of a key that another delivery holds blocks until that one ends (up to
 * {@link Builder#maxWait(Duration) max wait}, default 4 s) rather than polling; so does a delivery
 * whose sender's turn is taken, within the same wait. A key is held for as long as its delivery
 * runs, however long: in one JVM a running handler is alive by definition, so nothing expires
 * under it. A handled key answers its reply for {@link Builder#ttl(Duration) ttl} (default 60 s)
 * after it completed, measured by the injected {@link Clock}. Handled keys leave the map of
 * running ones for a {@link HandledWindow}: compact records in a few reference-free arrays, which
 * give young collections next to nothing to trace, dropped a TTL's worth at a time, which bounds
 * memory to the messages of two TTLs at most. A sender's turn is an entry only while one of its messages runs.
 *
 * <p>Sessions are hardly its business: an in-memory session is one object that every delivery
 * sees, so the sender's turn is all it takes for one message of a sender to run at a time. The
 * only session it writes is a parked reply ({@link WxDelivery#completeLate}), into the session
 * manager its delivery was asked for.
 */
public final class InMemoryWxMessageGate implements WxMessageGate {

    /** How long a handled key is remembered by default. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** How long a delivery waits for the key or the sender's turn by default; under WeChat's 5 s timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(4);

    private static final System.Logger LOG = System.getLogger(InMemoryWxMessageGate.class.getName());

    private final Clock clock;
    private final Duration maxWait;
    /** Keys being handled, and for a moment after, until their reply is in {@link #handled}. */
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final HandledWindow handled;
    private final ConcurrentHashMap<String, Turn> turns = new ConcurrentHashMap<>();
    // Senders with a reply parked in their session, so that the others' messages never look for one.
    private final Set<String> parkedFor = ConcurrentHashMap.newKeySet();

    /** A gate with the default TTL and wait, on the system clock. */
    public InMemoryWxMessageGate() {
        this(builder());
    }

    private InMemoryWxMessageGate(Builder builder) {
        this.clock = builder.clock;
        this.maxWait = builder.maxWait;
        this.handled = new HandledWindow(builder.ttl.toMillis(), clock.millis());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WxMessageAdmission begin(String key, @Nullable String sender) {
        if (key == null || key.length() > HandledWindow.MAX_KEY_CHARS) {
            throw new IllegalArgumentException(key == null ? "key must not be null"
                    : "key must be at most " + HandledWindow.MAX_KEY_CHARS + " characters, was " + key.length());
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        Entry mine = new Entry(key);
        Entry joined = null;
        int delivery = 0;
        while (true) {
            Entry current = entries.compute(key, (k, existing) -> existing == null || existing.isFree() ? mine
                    : existing);
            if (current == mine) {
                // Taken, unless it was handled already: a completion puts the reply into the window
                // before its entry leaves the map, so the window holds what the map no longer does.
                HandledWindow.Handled done = handled.get(key, sender, clock.millis());
                if (done != null) {
                    free(mine);
                    return WxMessageAdmission.handled(key, done.replyXml());
                }
                break;
            }
            if (current.state == Entry.DONE) {
                return WxMessageAdmission.handled(key, current.replyXml);
            }
            if (current != joined) {
                joined = current;
                delivery = current.join();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining > 0 && current.awaitSettled(remaining)) {
                continue; // handled (answered on the next pass) or abandoned (taken on the next pass)
            }
            if (sender == null || delivery < WECHAT_DELIVERIES) {
                return WxMessageAdmission.inProgress(key);
            }
            if (current.requestPark()) {
                return WxMessageAdmission.parked(key);
            }
            // It settled just now: the next pass answers or takes it.
        }
        Turn turn = sender == null ? null : takeTurn(sender, deadline);
        if (sender != null && turn == null) {
            free(mine);
            throw new WxSenderBusyException(key, sender, maxWait);
        }
        return WxMessageAdmission.acquired(new Delivery(mine, sender, turn));
    }

    /** Keys currently remembered, held or handled; expired ones of the current TTL included. */
    public int size() {
        return entries.size() + handled.size();
    }

    /** The sender's turn, or {@code null} if another message of the sender kept it past {@code deadline}. */
    private Turn takeTurn(String sender, long deadline) {
        while (true) {
            Turn mine = new Turn();
            Turn held = turns.putIfAbsent(sender, mine);
            if (held == null) {
                return mine;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !held.awaitSettled(remaining)) {
                return null;
            }
        }
    }

    private void free(Entry entry) {
        entry.settle(Entry.ABANDONED);
        entries.remove(entry.key, entry);
    }

    /** A waitable that settles once; waiters, which are rare, use its own monitor. */
    private static class Settling {
        static final int HELD = 0;
        volatile int state = HELD;

        synchronized void settle(int finalState) {
            state = finalState;
            notifyAll();
        }

        /** Whether it settled within {@code nanos}; an interrupt counts as not settled. */
        synchronized boolean awaitSettled(long nanos) {
            long deadline = System.nanoTime() + nanos;
            try {
                while (state == HELD) {
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

    /** A sender's turn while one of its messages runs. */
    private static final class Turn extends Settling {
        static final int PASSED = 1;
    }

    /** One key while it is handled; its state moves once, from HELD to DONE or ABANDONED. */
    private static final class Entry extends Settling {
        static final int DONE = 1;
        static final int ABANDONED = 2;

        final String key;
        // Written before the volatile state, so whoever reads DONE sees it.
        String replyXml;
        // Guarded by the entry's monitor; only retries of a slow message touch them.
        private int deliveries = 1;
        private boolean parkRequested;

        Entry(String key) {
            this.key = key;
        }

        /** Counts one more delivery of the key; answers its number. */
        synchronized int join() {
            return ++deliveries;
        }

        /** Asks the running delivery to park its reply; {@code false} if it settled already. */
        synchronized boolean requestPark() {
            if (state != HELD) {
                return false;
            }
            parkRequested = true;
            return true;
        }

        boolean isFree() {
            return state == ABANDONED;
        }
    }

    /** The acquired key and the sender's turn, until the delivery ends. */
    private final class Delivery implements WxDelivery {
        private final Entry entry;
        private final String sender;
        private final Turn turn;
        private boolean ended;
        private volatile WxSessionManager sessions;

        Delivery(Entry entry, String sender, Turn turn) {
            this.entry = entry;
            this.sender = sender;
            this.turn = turn;
        }

        @Override
        public String key() {
            return entry.key;
        }

        @Override
        public @Nullable String sender() {
            return sender;
        }

        @Override
        public WxSessionManager sessionManager(WxSessionManager shared) {
            this.sessions = shared;
            return shared;
        }

        @Override
        public @Nullable String takeParkedReply() {
            WxSessionManager shared = sessions;
            return sender != null && shared != null && parkedFor.remove(sender)
                    ? WxParkedReplies.take(shared.getSession(sender, false)) : null;
        }

        @Override
        public void complete(@Nullable String replyXml) {
            requireOpen();
            synchronized (entry) {
                settle(replyXml);
            }
            passTurn();
        }

        @Override
        public boolean completeLate(@Nullable String cachedReplyXml, @Nullable String replyXml) {
            requireOpen();
            boolean parked;
            synchronized (entry) {
                // Under the entry's monitor, so a park request either came before (and is honoured) or finds DONE.
                parked = entry.parkRequested && replyXml != null && park(replyXml);
                settle(parked ? null : cachedReplyXml);
            }
            passTurn();
            return parked;
        }

        /** Parks the reply; if it cannot, says why and leaves it to the caller (cached, or sent another way). */
        private boolean park(String replyXml) {
            try {
                if (sessions == null) {
                    throw new IllegalStateException("the router has no session manager");
                }
                WxParkedReplies.park(sessions, sender, replyXml);
                parkedFor.add(sender);
                return true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "message " + entry.key + ": WeChat's last delivery was"
                        + " answered a placeholder, but the reply could not be parked in the session of " + sender
                        + ": " + e);
                return false;
            }
        }

        private void requireOpen() {
            if (!end()) {
                throw new IllegalStateException("the delivery of message " + entry.key + " has ended already");
            }
        }

        /** Into the window first, then out of the map: a key is never in neither while handled. */
        private void settle(String replyXml) {
            handled.put(entry.key, replyXml, sender, clock.millis());
            entry.replyXml = replyXml;
            entry.settle(Entry.DONE);
            entries.remove(entry.key, entry);
        }

        @Override
        public void abandon() {
            if (end()) {
                free(entry);
                passTurn();
            }
        }

        private synchronized boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }

        private void passTurn() {
            if (turn != null) {
                turns.remove(sender, turn);
                turn.settle(Turn.PASSED);
            }
        }

        @Override
        public String toString() {
            return "InMemoryWxMessageGate.Delivery[" + entry.key + "]";
        }
    }

    /** Settings of an {@link InMemoryWxMessageGate}. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Duration ttl = DEFAULT_TTL;
        private Duration maxWait = DEFAULT_MAX_WAIT;

        private Builder() {
        }

        /** The clock handled keys expire by; tests pass a controllable one. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /** How long a handled key answers its reply after it completed; must be positive. */
        public Builder ttl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /**
         * How long a delivery waits for another delivery of its key, and then for its sender's
         * turn, before it gives up; zero means not at all. Keep it under WeChat's 5 s timeout.
         */
        public Builder maxWait(Duration maxWait) {
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be zero or positive, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        public InMemoryWxMessageGate build() {
            return new InMemoryWxMessageGate(this);
        }
    }
}
