package io.github.wxsession.redis;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Polling with a deadline for the harnesses: a node's state is asked again every few milliseconds. */
final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /**
     * Asks {@code probe} until it answers something other than {@code null} and returns that. A
     * node that is unreachable or answers an error while asked counts as "not yet".
     *
     * @throws IllegalStateException after {@code timeout}, naming {@code what} and the last failure
     */
    static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                T answer = probe.get();
                if (answer != null) {
                    return answer;
                }
            } catch (UncheckedIOException | Resp.ErrorReply e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not within " + timeout.toMillis() + " ms: " + what
                        + (lastFailure == null ? "" : " (last failure: " + lastFailure.getMessage() + ")"), lastFailure);
            }
            pause();
        }
    }

    /** {@link #until} for a condition. */
    static void condition(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, () -> condition.get() ? Boolean.TRUE : null);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
