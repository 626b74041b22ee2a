package io.github.wxsession.aibot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryWxStreamStoreTest extends WxStreamStoreContract {

    @Override
    protected WxStreamStore store(MutableClock clock) {
        return new InMemoryWxStreamStore(clock);
    }

    @Override
    protected void elapse(MutableClock clock, Duration duration) {
        clock.advance(duration);
    }

    @Test
    void abandonedStreamsAreDroppedWithoutBeingRead() {
        MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
        InMemoryWxStreamStore store = new InMemoryWxStreamStore(clock);
        for (int i = 0; i < InMemoryWxStreamStore.PURGE_EVERY - 1; i++) {
            store.save("bot", new WxStreamState("old" + i, "x", false), Duration.ofMinutes(7));
        }
        clock.advance(Duration.ofMinutes(8));

        store.save("bot", new WxStreamState("new", "y", false), Duration.ofMinutes(7));

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find("bot", "new").content()).isEqualTo("y");
    }
}
