package io.github.wxsession.aibot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WxStreamTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-05T12:00:00Z");
    private final InMemoryWxStreamStore store = new InMemoryWxStreamStore(clock);
    private final WxStreams streams = new WxStreams(store, clock);

    @Test
    void everyWriteIsStoredBeforeItReturnsAndReplacesWhatWeComShows() {
        WxStream stream = streams.open("bot", "msg-1");
        assertThat(streams.find("bot", stream.id())).isEqualTo(new WxStreamState(stream.id(), "", false));

        stream.append("You said: ");
        assertThat(streams.find("bot", stream.id()).content()).isEqualTo("You said: ");
        stream.append("hi");
        assertThat(streams.find("bot", stream.id())).isEqualTo(new WxStreamState(stream.id(), "You said: hi", false));
        stream.replace("revised");
        assertThat(streams.find("bot", stream.id()).content()).isEqualTo("revised");
        stream.finish();
        assertThat(streams.find("bot", stream.id())).isEqualTo(new WxStreamState(stream.id(), "revised", true));
        assertThat(stream.isFinished()).isTrue();
    }

    @Test
    void theFirstWriteRunsItsHookOnceAfterItIsStored() {
        List<String> seen = new ArrayList<>();
        WxStream[] holder = new WxStream[1];
        holder[0] = streams.open("bot", "msg-1", () -> seen.add(streams.find("bot", holder[0].id()).content()));

        holder[0].append("first");
        holder[0].append(" second");
        holder[0].finish();

        assertThat(seen).containsExactly("first");
    }

    @Test
    void theIdIsTheSameForEveryDeliveryOfAMessageAndDiffersOtherwise() {
        String id = WxStreams.idOf("bot", "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=");

        assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(WxStreams.idOf("bot", "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=")).isEqualTo(id);
        assertThat(WxStreams.idOf("other-bot", "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=")).isNotEqualTo(id);
        assertThat(WxStreams.idOf("bot", "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AJ=")).isNotEqualTo(id);
    }

    @Test
    void reopeningContinuesFromTheStoredContent() {
        streams.open("bot", "msg-1").append("first half");

        WxStream again = streams.open("bot", "msg-1");

        assertThat(again.content()).isEqualTo("first half");
        again.append(", second half");
        assertThat(streams.find("bot", again.id()).content()).isEqualTo("first half, second half");
    }

    @Test
    void contentOverWeComsLimitIsRefusedAndLeavesTheStreamAsItWas() {
        WxStream stream = streams.open("bot", "msg-1");
        String nearlyFull = "字".repeat(6826); // 20478 bytes
        stream.replace(nearlyFull);

        stream.append("ab");
        assertThatThrownBy(() -> stream.append("c"))
                .isInstanceOf(WxStreamTooLongException.class)
                .hasMessageContaining("20481").hasMessageContaining("unchanged");
        assertThatThrownBy(() -> stream.replace("😀".repeat(5121))).isInstanceOf(WxStreamTooLongException.class);
        assertThat(streams.find("bot", stream.id()).content()).isEqualTo(nearlyFull + "ab");
        assertThat(WxStream.utf8Length("a\u00e9字😀")).isEqualTo("a\u00e9字😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void writesAfterFinishOrAfterTheWindowAreRefused() {
        WxStream finished = streams.open("bot", "msg-1");
        finished.finish("done");
        finished.finish();
        assertThatThrownBy(() -> finished.append("more")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");

        WxStream slow = streams.open("bot", "msg-2");
        clock.advance(WxStream.WINDOW.minusSeconds(1));
        slow.append("just in time");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> slow.append(" too late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("response_url");
        assertThat(streams.find("bot", slow.id()).content()).isEqualTo("just in time");
    }

    @Test
    void theStateOutlivesTheWindowByTheGraceThenGoes() {
        WxStream stream = streams.open("bot", "msg-1");
        stream.append("x");

        clock.advance(WxStream.WINDOW.plus(WxStream.GRACE).minusSeconds(1));
        assertThat(streams.find("bot", stream.id())).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(streams.find("bot", stream.id())).isNull();
    }

    @Test
    void writesFromSeveralThreadsAreAppliedOneAtATime() throws InterruptedException {
        WxStream stream = streams.open("bot", "msg-1");
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 250; i++) {
                    stream.append("x");
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(stream.content()).hasSize(1000);
        assertThat(streams.find("bot", stream.id()).content()).hasSize(1000);
    }
}
