package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long {@code think} thinks, without waiting for it; the command over the callback is in {@link NumberGameTests}. */
class SlowThoughtTest {

    @Test
    void thinkAloneThinksEightSecondsAndOtherwiseTheGivenOnes() {
        assertThat(SlowThought.seconds("think")).isEqualTo(8);
        assertThat(SlowThought.seconds(" Think ")).isEqualTo(8);
        assertThat(SlowThought.seconds("think 1")).isEqualTo(1);
        assertThat(SlowThought.seconds("think 25")).isEqualTo(25);
        assertThat(SlowThought.seconds("think 60")).isEqualTo(60);
    }
}
