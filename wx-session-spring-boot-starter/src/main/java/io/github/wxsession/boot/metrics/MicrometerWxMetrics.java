package io.github.wxsession.boot.metrics;

import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxAsyncReplySender;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageGate;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionDestroyReason;
import io.github.wxsession.session.WxSessionListener;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxCredentialRefreshListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The starter's meters, all under {@code wx.}:
 * <ul>
 *   <li>{@code wx.messages.received} {account, type, event}: verified messages;
 *   <li>{@code wx.messages.replies} {account}: passive replies (answers of {@code success} are not counted);
 *   <li>{@code wx.messages.duplicates} {outcome = handled | in-progress | parked}: retries answered
 *       without handlers ({@code parked}: WeChat's last retry, answered a placeholder);
 *   <li>{@code wx.messages.customer-service} {account, outcome = sent | failed}: replies sent through
 *       the customer-service API (async handlers', and late replies);
 *   <li>{@code wx.messages.rejected} {reason}: requests refused before (or after failing in) a handler;
 *   <li>{@code wx.handler.duration} {account, handler, outcome = success | error}: handler time;
 *   <li>{@code wx.sessions.active} {account}, {@code wx.sessions.created} {account},
 *       {@code wx.sessions.destroyed} {account, reason = expired | invalidated | evicted};
 *   <li>{@code wx.token.refreshes} {account, type, outcome = success | failure}: upstream fetches;
 *   <li>{@code wx.http.logins} {account, outcome = success | refused | failed}: HTTP clients' logins;
 *   <li>{@code wx.http.unauthorized} {account, reason = missing | invalid | refused}: 401 answers.
 * </ul>
 * Counters used per message are cached by their tags, so the hot path is a map lookup and an add.
 */
public final class MicrometerWxMetrics implements WxMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MicrometerWxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void received(String account, WxXmlMessage message) {
        String type = tag(message.getMsgType());
        String event = message.getEvent() == null ? "none" : tag(message.getEvent());
        counter("r|" + account + "|" + type + "|" + event, () -> Counter.builder("wx.messages.received")
                .tag("account", account).tag("type", type).tag("event", event)
                .description("Verified messages received").register(registry)).increment();
    }

    @Override
    public void answered(String account, boolean withReply) {
        if (withReply) {
            counter("a|" + account, () -> Counter.builder("wx.messages.replies").tag("account", account)
                    .description("Passive replies sent").register(registry)).increment();
        }
    }

    @Override
    public void rejected(String reason) {
        counter("x|" + reason, () -> Counter.builder("wx.messages.rejected").tag("reason", reason)
                .description("Callback requests refused").register(registry)).increment();
    }

    @Override
    public WxMessageGate observe(WxMessageGate gate) {
        return (key, sender) -> {
            WxMessageAdmission admission = gate.begin(key, sender);
            if (admission.outcome() != WxMessageAdmission.Outcome.ACQUIRED) {
                String outcome = tag(admission.outcome().name());
                counter("d|" + outcome, () -> Counter.builder("wx.messages.duplicates").tag("outcome", outcome)
                        .description("Retries answered without running handlers").register(registry)).increment();
            }
            return admission;
        };
    }

    @Override
    public WxAsyncReplySender observe(String account, WxAsyncReplySender sender) {
        Counter sent = customerService(account, "sent");
        Counter failed = customerService(account, "failed");
        return new WxAsyncReplySender() {
            @Override
            public void accepted(WxXmlMessage inbound) {
                sender.accepted(inbound);
            }

            @Override
            public void send(WxXmlMessage message, WxXmlOutMessage reply) throws WxErrorException {
                boolean ok = false;
                try {
                    sender.send(message, reply);
                    ok = true;
                } finally {
                    (ok ? sent : failed).increment();
                }
            }
        };
    }

    private Counter customerService(String account, String outcome) {
        return Counter.builder("wx.messages.customer-service").tag("account", account).tag("outcome", outcome)
                .description("Replies sent through the customer-service API").register(registry);
    }

    @Override
    public WxMessageHandler timed(String account, String name, WxMessageHandler handler) {
        Timer success = handlerTimer(account, name, "success");
        Timer error = handlerTimer(account, name, "error");
        return (message, context, service, sessions) -> {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                WxXmlOutMessage reply = handler.handle(message, context, service, sessions);
                ok = true;
                return reply;
            } finally {
                (ok ? success : error).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer handlerTimer(String account, String name, String outcome) {
        return Timer.builder("wx.handler.duration").tag("account", account).tag("handler", name)
                .tag("outcome", outcome).description("Time spent in @WxHandler methods").register(registry);
    }

    @Override
    public void accountRemoved(String account) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("wx.") && account.equals(meter.getId().getTag("account")))
                .toList();
        meters.forEach(registry::remove);
        counters.keySet().removeIf(key -> key.contains("|" + account + "|"));
    }

    @Override
    public void sessionStoreCreated(String account, WxSessionStore store) {
        Gauge.builder("wx.sessions.active", store, WxSessionStore::getActiveSessionCount).tag("account", account)
                .description("Live sessions").register(registry);
        Counter created = Counter.builder("wx.sessions.created").tag("account", account)
                .description("Sessions created").register(registry);
        store.addListener(new WxSessionListener() {
            @Override
            public void sessionCreated(WxSession session) {
                created.increment();
            }

            @Override
            public void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
                String why = tag(reason.name());
                counter("s|" + account + "|" + why, () -> Counter.builder("wx.sessions.destroyed")
                        .tag("account", account).tag("reason", why).description("Sessions ended").register(registry))
                        .increment();
            }
        });
    }

    @Override
    public WxCredentialRefreshListener refreshListener(String account) {
        return (appId, type, failure) -> {
            String kind = tag(type.name());
            String outcome = failure == null ? "success" : "failure";
            counter("t|" + account + "|" + kind + "|" + outcome, () -> Counter.builder("wx.token.refreshes")
                    .tag("account", account).tag("type", kind).tag("outcome", outcome)
                    .description("Upstream token and ticket fetches").register(registry)).increment();
        };
    }

    @Override
    public void httpLogin(String account, String outcome) {
        counter("l|" + account + "|" + outcome, () -> Counter.builder("wx.http.logins").tag("account", account)
                .tag("outcome", outcome).description("Logins of HTTP clients").register(registry)).increment();
    }

    @Override
    public void httpUnauthorized(String account, String reason) {
        counter("u|" + account + "|" + reason, () -> Counter.builder("wx.http.unauthorized").tag("account", account)
                .tag("reason", reason).description("Requests to protected paths answered 401").register(registry))
                .increment();
    }

    private Counter counter(String key, Supplier<Counter> create) {
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> create.get());
    }

    private static String tag(String value) {
        return value == null ? "unknown" : value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
