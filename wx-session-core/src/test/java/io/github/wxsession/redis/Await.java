package io.github.wxsession.redis;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Polling with a deadline for the harnesses: a node's state is asked again every few milliseconds. */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /**
     * Asks {@code probe} until it answers something other than {@code null} and returns that. A
     * node that is unreachable or answers an error while asked counts as "not yet".
     *
     * @throws IllegalStateException after {@code timeout}, naming {@code what} and the last failure
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
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
    public static void condition(Duration timeout, String what, Supplier<Boolean> condition) {
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

    /**
     * Waits until {@code replicas} replicas acknowledged the offset {@code role} shows now:
     * {@code role} answers the master's {@code ROLE} reply.
     */
    static void replicated(Duration timeout, String master, int replicas, Supplier<List<Object>> role) {
        long offset = (Long) role.get().get(1);
        condition(timeout, "the replicas of " + master + " at offset " + offset, () -> {
            @SuppressWarnings("unchecked")
            List<List<Object>> acknowledged = (List<List<Object>>) role.get().get(2);
            return acknowledged.size() == replicas
                    && acknowledged.stream().allMatch(replica -> Long.parseLong((String) replica.get(2)) >= offset);
        });
    }
}
