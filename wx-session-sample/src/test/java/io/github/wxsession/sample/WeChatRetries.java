package io.github.wxsession.sample;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.test.WeChatCallbackClient;
import io.github.wxsession.test.WeChatDeliveries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers text messages to the sample's instances as WeChat does: an attempt not answered within
 * WeChat's 5 s is given up, and a message not answered 200 is delivered again, same
 * {@code MsgId}, freshly signed, to the next instance, until one answers 200. Unlike WeChat it
 * retries after a short pause rather than WeChat's own back-off, and gives up only at a deadline
 * (WeChat stops after three retries), so a test sees how long Redis keeps the service down.
 * <p>
 * Every attempt is written down: 200, 503 with its reason (expected while Redis fails over;
 * WeChat retries), no answer within 5 s, and anything else (a 500, a 4xx: wrong whatever
 * happens to Redis).
 */
final class WeChatRetries {

    private static final AtomicLong MSG_IDS = new AtomicLong(60_000_000);
    private static final long PAUSE_MILLIS = 50;

    private final List<WeChatCallbackClient> instances;
    private final Duration giveUpAfter;
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final LongAdder answered = new LongAdder();
    private final LongAccumulator longestOutage = new LongAccumulator(Math::max, 0);

    WeChatRetries(List<WeChatCallbackClient> instances, Duration giveUpAfter) {
        this.instances = List.copyOf(instances);
        this.giveUpAfter = giveUpAfter;
    }

    /** What a delivered message was answered, and when (its {@link System#nanoTime()}). */
    record Answer(String content, long at) {
    }

    /**
     * Delivers {@code content} from {@code user}, first to instance {@code first} (modulo their
     * number), until an instance answers 200.
     *
     * @throws AssertionError if none did before the deadline
     */
    Answer deliver(int first, String user, String content) {
        String xml = WeChatCallbackClient.text(MSG_IDS.incrementAndGet(), user, content);
        long start = System.nanoTime();
        long firstRefused = 0;
        for (int attempt = 0; ; attempt++) {
            int instance = Math.floorMod(first + attempt, instances.size());
            String outcome;
            try {
                HttpResponse<String> response = instances.get(instance).postPlain(xml, WeChatDeliveries.WECHAT_TIMEOUT);
                outcome = response.statusCode() + (response.statusCode() == 200 ? "" : " " + response.body().trim());
                if (response.statusCode() == 200) {
                    count(outcome);
                    answered.increment();
                    long now = System.nanoTime();
                    if (firstRefused != 0) {
                        longestOutage.accumulate(now - firstRefused);
                    }
                    return new Answer(content(response.body()), now);
                }
                if (response.statusCode() != 503) {
                    unexpected.add(user + " '" + content + "' on instance " + instance + ": " + outcome);
                }
            } catch (HttpTimeoutException e) {
                outcome = "no answer within " + WeChatDeliveries.WECHAT_TIMEOUT.toSeconds() + " s";
            } catch (IOException e) {
                outcome = "connection failed";
                unexpected.add(user + " '" + content + "' on instance " + instance + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            count(outcome);
            if (firstRefused == 0) {
                firstRefused = System.nanoTime();
            }
            if (System.nanoTime() - start > giveUpAfter.toNanos()) {
                throw new AssertionError(user + " '" + content + "' not answered 200 within " + giveUpAfter.toSeconds()
                        + " s; attempts so far " + attempts());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
        }
    }

    /** Every attempt so far by outcome: {@code 200}, {@code 503 <reason>}, no answer, or what else came. */
    Map<String, Long> attempts() {
        Map<String, Long> counts = new TreeMap<>();
        attempts.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    /** Attempts refused with 503, of any reason. */
    long refused() {
        return attempts().entrySet().stream().filter(entry -> entry.getKey().startsWith("503"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Attempts answered neither 200, nor 503, nor not at all: a 500, a 4xx, a refused connection. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Messages answered 200. */
    long answered() {
        return answered.sum();
    }

    /** The longest one message went from its first refused attempt to its answer. */
    Duration longestOutage() {
        return Duration.ofNanos(longestOutage.get());
    }

    private void count(String outcome) {
        attempts.computeIfAbsent(outcome, any -> new LongAdder()).increment();
    }

    /** The reply's text; a 200 that is no reply (e.g. {@code success}) as it came. */
    private static String content(String body) {
        return body.startsWith("<xml>") ? WxXmlMessage.fromXml(body).getContent() : body;
    }
}
