package io.github.wxsession.redis;

import io.github.wxsession.api.Sleeper;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that returns at once, moving a {@link MutableClock} on by the requested pause. */
public final class ClockAdvancingSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Long> pauses = new ArrayList<>();

    public ClockAdvancingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        pauses.add(duration.toMillis());
        clock.advance(duration);
    }

    /** Each pause requested so far, in milliseconds. */
    public synchronized List<Long> pauses() {
        return List.copyOf(pauses);
    }
}
