package io.github.wxsession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on latches inside handlers, whose interface allows no checked exceptions. */
public final class Latches {

    private Latches() {
    }

    /** Waits up to 10 s for {@code latch}, failing the test if it does not open. */
    public static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch opened within 10 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
