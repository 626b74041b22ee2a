package io.github.wxsession.redis.session;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageInProgressException;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.router.WxSenderBusyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivers messages as WeChat does to a load-balanced application: a delivery not answered is
 * made again with the same message (same {@code MsgId}) on the next instance, until one answers
 * (unlike WeChat, without giving up after three retries, up to a deadline). What the instances
 * threw is written down: an answer the callback turns into a 503, for WeChat to retry, is
 * expected while Redis fails over; anything else is a wrong answer.
 */
final class RetryingWeChat {

    private static final long PAUSE_MILLIS = 20;

    private final List<WxMessageRouter> instances;
    private final Duration giveUpAfter;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> retried = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RuntimeException> wrong = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> slowest = new ConcurrentLinkedQueue<>();

    RetryingWeChat(List<WxMessageRouter> instances, Duration giveUpAfter) {
        this.instances = List.copyOf(instances);
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * Delivers {@code message} until an instance answers; {@code false} if none did within the
     * deadline, or one threw what the callback would not answer with a 503 (see {@link #wrongAnswers()}).
     */
    boolean deliver(WxXmlMessage message) {
        long start = System.nanoTime();
        long deadline = start + giveUpAfter.toNanos();
        while (System.nanoTime() - deadline < 0) {
            WxMessageRouter instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
            try {
                instance.route(message);
                answered.increment();
                slowest.add(System.nanoTime() - start);
                return true;
            } catch (RuntimeException e) {
                String reason = retryReason(e);
                if (reason == null) {
                    wrong.add(e);
                    return false;
                }
                retried.computeIfAbsent(reason, any -> new LongAdder()).increment();
            }
            pause();
        }
        return false;
    }

    /** Deliveries answered. */
    long answered() {
        return answered.sum();
    }

    /** Deliveries refused with a 503 (and so retried), by reason. */
    Map<String, Long> retries() {
        Map<String, Long> counts = new TreeMap<>();
        retried.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    /** What the instances threw that the callback would not answer with a 503. */
    List<RuntimeException> wrongAnswers() {
        return List.copyOf(wrong);
    }

    /** The longest a message took from its first delivery to its answer, retries included. */
    Duration longestMessage() {
        return Duration.ofNanos(slowest.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** The 503 reason the callback gives for {@code e}, or {@code null} if it would not answer 503. */
    static String retryReason(RuntimeException e) {
        if (e instanceof WxMessageInProgressException) {
            return "in-progress";
        }
        if (e instanceof WxSenderBusyException) {
            return "sender-busy";
        }
        if (e instanceof WxDeliveryLostException) {
            return "lease-lost";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WxRedisUnavailableException) {
                return "store-unavailable";
            }
        }
        return null;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between deliveries", e);
        }
    }
}
