package io.github.wxsession.test;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers a message the way WeChat's server does: it posts the message and gives up on the attempt
 * when no 200 came within its timeout (5 s at WeChat), then posts the same message (same
 * {@code MsgId}, freshly signed) again, three times at most. Attempts go to the given instances in
 * turn, as a load balancer may send them. The first 200 ends the delivery.
 */
public final class WeChatDeliveries {

    /** How long WeChat waits for an answer. */
    public static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);
    /** How many times WeChat delivers a message at most: once and three retries. */
    public static final int WECHAT_DELIVERIES = 4;

    private final Duration timeout;
    private final List<WeChatCallbackClient> instances;

    /** Deliveries with WeChat's own timeout. */
    public WeChatDeliveries(WeChatCallbackClient... instances) {
        this(WECHAT_TIMEOUT, instances);
    }

    /** Deliveries that give up on an attempt after {@code timeout}, for tests that play WeChat faster. */
    public WeChatDeliveries(Duration timeout, WeChatCallbackClient... instances) {
        if (instances.length == 0) {
            throw new IllegalArgumentException("deliver to at least one instance");
        }
        this.timeout = timeout;
        this.instances = List.of(instances);
    }

    /** Delivers a plaintext message until an attempt is answered 200, or WeChat would give up. */
    public Delivery deliver(String xml) throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        for (int n = 0; n < WECHAT_DELIVERIES; n++) {
            WeChatCallbackClient instance = instances.get(n % instances.size());
            Attempt attempt;
            try {
                HttpResponse<String> response = instance.postPlain(xml, timeout);
                attempt = new Attempt(response.statusCode(), response.body());
            } catch (HttpTimeoutException e) {
                attempt = new Attempt(0, null);
            }
            attempts.add(attempt);
            if (attempt.status() == 200) {
                break;
            }
        }
        return new Delivery(List.copyOf(attempts));
    }

    /** One attempt: the status, or 0 when WeChat gave up waiting; the body when answered. */
    public record Attempt(int status, String body) {
        public boolean timedOut() {
            return status == 0;
        }
    }

    /** Every attempt of one message. */
    public record Delivery(List<Attempt> attempts) {

        /** Whether an attempt was answered 200; if not, the user sees WeChat's error text. */
        public boolean answered() {
            return attempts.get(attempts.size() - 1).status() == 200;
        }

        /** The body of the answered attempt. */
        public String answer() {
            if (!answered()) {
                throw new AssertionError("WeChat gave up on the message: " + attempts);
            }
            return attempts.get(attempts.size() - 1).body();
        }
    }
}
