package io.github.wxsession.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves one millisecond forward every time it is read. Given to the de-duplication
 * checker, which reads it once per message, it makes a benchmark look like steady traffic of
 * 1,000 messages a second however fast it really runs: every message is a new claim, entries
 * expire after the checker's real TTL (60,000 messages later) and are swept as in production, so
 * the checker holds one TTL's worth of entries instead of growing with the benchmark's speed.
 * The Redis store and gate read it twice per message, so there it is 500 messages a second.
 */
final class TickingClock extends Clock {

    private final AtomicLong millis;
    private final ZoneId zone;

    TickingClock(Instant start) {
        this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
    }

    private TickingClock(AtomicLong millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    /** The time the next read will answer, without moving the clock. */
    long peekMillis() {
        return millis.get();
    }

    @Override
    public long millis() {
        return millis.getAndIncrement();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same ticking time seen in another zone: both clocks share one counter. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TickingClock(millis, Objects.requireNonNull(zone, "zone"));
    }
}
