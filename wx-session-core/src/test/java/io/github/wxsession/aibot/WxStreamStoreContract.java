package io.github.wxsession.aibot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WxStreamStore} must do, run against each of them: the in-memory store here,
 * the Redis store against a real redis-server.
 */
public abstract class WxStreamStoreContract {

    /** The store under test; {@code clock} drives the in-memory store, Redis keeps its own time. */
    protected abstract WxStreamStore store(MutableClock clock);

    /** Lets a store's own clock pass {@code duration} (Redis: waits it out). */
    protected abstract void elapse(MutableClock clock, Duration duration) throws InterruptedException;

    /** A time-to-live short enough for {@link #elapse} to pass it. */
    protected Duration shortTtl() {
        return Duration.ofMillis(300);
    }

    @Test
    void aSavedStateIsFoundUntilItsTimeToLivePasses() throws InterruptedException {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        WxStreamStore store = store(clock);
        WxStreamState state = new WxStreamState("s1", "**广州**今日天气：29度 \"quoted\"\n", false);

        store.save("bot", state, shortTtl());
        assertThat(store.find("bot", "s1")).isEqualTo(state);

        elapse(clock, shortTtl().plusMillis(50));
        assertThat(store.find("bot", "s1")).isNull();
    }

    @Test
    void aLaterSaveReplacesTheStateAndItsTime() {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        WxStreamStore store = store(clock);

        store.save("bot", new WxStreamState("s1", "1", false), Duration.ofMinutes(1));
        store.save("bot", new WxStreamState("s1", "123", true), Duration.ofMinutes(2));

        assertThat(store.find("bot", "s1")).isEqualTo(new WxStreamState("s1", "123", true));
    }

    @Test
    void accountsAndStreamsAreKeptApart() {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        WxStreamStore store = store(clock);

        store.save("bot-a", new WxStreamState("s1", "a", false), Duration.ofMinutes(1));
        store.save("bot-b", new WxStreamState("s1", "b", true), Duration.ofMinutes(1));

        assertThat(store.find("bot-a", "s1").content()).isEqualTo("a");
        assertThat(store.find("bot-b", "s1").content()).isEqualTo("b");
        assertThat(store.find("bot-a", "s2")).isNull();
        assertThat(store.find("bot-c", "s1")).isNull();
    }

    @Test
    void anEmptyUnfinishedStateIsKeptAsSuch() {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        WxStreamStore store = store(clock);

        store.save("bot", new WxStreamState("s1", "", false), Duration.ofMinutes(1));

        assertThat(store.find("bot", "s1")).isEqualTo(new WxStreamState("s1", "", false));
    }

    @Test
    void theLargestContentWeComAllowsRoundTrips() {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        WxStreamStore store = store(clock);
        String content = "字".repeat(WxStream.MAX_CONTENT_BYTES / 3) + "ab";

        store.save("bot", new WxStreamState("s1", content, true), Duration.ofMinutes(1));

        assertThat(store.find("bot", "s1").content()).isEqualTo(content);
    }
}
