package io.github.wxsession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WxSessionSweeperTest {

    @Test
    void aFailingSweepDoesNotStopTheSchedule() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch thirdRun = new CountDownLatch(3);
        try (WxSessionSweeper sweeper = new WxSessionSweeper("test-sweeper", Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            thirdRun.countDown();
            throw new IllegalStateException("store unreachable");
        })) {
            sweeper.start();
            assertThat(thirdRun.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void intervalMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WxSessionSweeper("s", Duration.ofSeconds(-1), () -> { }))
                .withMessageContaining("positive");
    }
}
