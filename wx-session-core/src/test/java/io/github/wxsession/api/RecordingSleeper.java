package io.github.wxsession.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that returns at once and remembers each requested wait in milliseconds. */
final class RecordingSleeper implements Sleeper {

    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration.toMillis());
    }

    synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
