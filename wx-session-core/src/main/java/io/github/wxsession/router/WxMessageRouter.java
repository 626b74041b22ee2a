package io.github.wxsession.router;

import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSessionManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Routes inbound messages of one account to handlers, exactly once per message.
 *
 * <pre>{@code
 * WxMessageRouter router = new WxMessageRouter(wxService);
 * router.setSessionManager(sessions);
 * router.rule().msgType(WxMsgType.TEXT).content("guess").handler(newGame).end()
 *       .rule().event(WxEventType.SUBSCRIBE).handler(welcome).end();
 * WxXmlOutMessage reply = router.route(message);
 * }</pre>
 *
 * <p>Rules are tried in {@linkplain WxMessageRouterRule#order(int) order}; see
 * {@link WxMessageRouterRule} for matching and replies. Handlers run synchronously on the
 * calling thread unless their rule is {@linkplain WxMessageRouterRule#async() async}.
 *
 * <p>Each delivery of a message is one unit of work, begun at the {@link WxMessageGate} (in
 * memory by default, one per router) and ended there, all in {@code dispatch}:
 * <pre>
 * key, sender  = WxMessageKeys of the message
 * admission    = gate.begin(key, sender)      handled: cached reply | in progress: 503 |
 *                                             parked (WeChat's last try): placeholder | acquired:
 * reply        = the sender's parked reply, if any, else the rules, run with the delivery's view
 *                of the sessions and watched by the reply deadline
 * delivery.complete(reply)                    session saved, reply cached, sender's turn passed on
 *   or completeLate(...)                      past the deadline: see WxLateReply
 *   or, if a handler failed, delivery.abandon()   nothing saved, the retry handles the message
 * </pre>
 * So WeChat's retry of a message that is being handled waits for it and gets the same reply, a
 * retry after success gets the cached reply, a failed message ({@link WxMessageHandlingException})
 * is freed for its retry, and two messages of one sender never run their synchronous handlers at
 * the same time. A retry that waited in vain gets {@link WxMessageInProgressException}, a message
 * whose sender stayed busy {@link WxSenderBusyException}.
 *
 * <p>Synchronous handlers run on the caller's thread. One that is still running at the
 * {@linkplain #setReplyTimeout reply deadline} is late, and its rule's (or the router's)
 * {@link WxLateReply} mode decides what the user gets: a customer-service message after an early
 * {@code success} ({@link #routeToXml(WxXmlMessage, Map, WxEarlyAnswer)}), or WeChat's retries and,
 * past the last one, a reply parked for the sender's next message.
 *
 * <p>Configure the router before routing; rules may be added at any time and are safe to route
 * against concurrently. {@link #close()} waits for late replies and drains the async executor.
 */
public final class WxMessageRouter implements AutoCloseable {

    /** How long {@link #close()} waits for queued async work. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** How long a synchronous handler runs before its reply is late, by default: under WeChat's 5 s. */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(4);

    /** WeChat gives up on a delivery after this long; a reply deadline must come before it. */
    public static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

    /** What WeChat's last delivery answers by default when the handler is still running (English and Chinese). */
    public static final String DEFAULT_LATE_REPLY_PLACEHOLDER = "Still working on it: send any message in a"
            + " moment to get the answer. 正在处理，请稍后发送任意消息获取回复。";

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());
    private static final WxMessageExceptionHandler RETHROW = (message, context, exception) -> {
        throw exception;
    };
    // Arrays.sort on objects is stable, so rules of equal order keep the order they were added in.
    private static final Comparator<WxRule> BY_ORDER = Comparator.comparingInt(rule -> rule.order);

    private final WxService wxService;
    private final AsyncRuleExecutor asyncExecutor = new AsyncRuleExecutor();
    private volatile WxRule[] rules = new WxRule[0];
    private volatile @Nullable WxSessionManager sessionManager;
    private volatile WxMessageGate gate = new InMemoryWxMessageGate();
    private volatile String account = "";
    private volatile WxMessageExceptionHandler exceptionHandler = RETHROW;
    private volatile @Nullable WxAsyncReplySender asyncReplySender;
    private final LateReplies lateReplies = new LateReplies(DEFAULT_REPLY_TIMEOUT, DEFAULT_LATE_REPLY_PLACEHOLDER);

    /** A router whose handlers use {@code wxService} for API calls. */
    public WxMessageRouter(WxService wxService) {
        this.wxService = Objects.requireNonNull(wxService, "wxService must not be null");
    }

    /** Passed as is to every interceptor and handler; {@code null} (the default) passes none. */
    public void setSessionManager(@Nullable WxSessionManager sessionManager) {
        this.sessionManager = sessionManager;
    }

    /**
     * Replaces the default in-memory gate, e.g. by a Redis one shared by a cluster. A gate serves
     * one account: give each router its own.
     */
    public void setGate(WxMessageGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate must not be null");
    }

    /**
     * The configured account this router serves (e.g. its app id), which namespaces the keys of
     * its messages; {@code ""} by default, enough while the router's gate is its own.
     */
    public void setAccount(String account) {
        this.account = Objects.requireNonNull(account, "account must not be null");
    }

    /** Decides what interceptor and handler exceptions mean; the default fails the message. */
    public void setExceptionHandler(WxMessageExceptionHandler exceptionHandler) {
        this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler must not be null");
    }

    /**
     * How long synchronous handlers may run before their reply is late (default
     * {@link #DEFAULT_REPLY_TIMEOUT}); what happens then is the {@linkplain #setLateReply late-reply
     * mode}'s business.
     *
     * @throws IllegalArgumentException unless positive and shorter than {@link #WECHAT_TIMEOUT}
     */
    public void setReplyTimeout(Duration replyTimeout) {
        if (replyTimeout == null || replyTimeout.isNegative() || replyTimeout.isZero()
                || replyTimeout.compareTo(WECHAT_TIMEOUT) >= 0) {
            throw new IllegalArgumentException("the reply timeout must be positive and shorter than WeChat's own "
                    + WECHAT_TIMEOUT.toSeconds() + " s, was " + replyTimeout);
        }
        lateReplies.deadlines().setTimeout(replyTimeout);
    }

    /** How long synchronous handlers may run before their reply is late. */
    public Duration getReplyTimeout() {
        return lateReplies.deadlines().timeout();
    }

    /** What happens to a late reply unless its rule says otherwise. */
    public WxLateReply getLateReply() {
        return lateReplies.mode();
    }

    /**
     * What happens to a reply that is late, unless its rule {@linkplain WxMessageRouterRule#lateReply
     * says otherwise}; default {@link WxLateReply#CUSTOMER_SERVICE}, which sends it through the
     * {@linkplain #setAsyncReplySender async reply sender}.
     */
    public void setLateReply(WxLateReply lateReply) {
        lateReplies.setMode(Objects.requireNonNull(lateReply, "lateReply must not be null"));
    }

    /**
     * The text WeChat's last delivery of a message answers when the handler is still running in
     * {@link WxLateReply#RETRIES} mode; default {@link #DEFAULT_LATE_REPLY_PLACEHOLDER}.
     */
    public void setLateReplyPlaceholder(String placeholder) {
        if (placeholder == null || placeholder.isBlank()) {
            throw new IllegalArgumentException("the late-reply placeholder must not be blank");
        }
        lateReplies.setPlaceholder(placeholder);
    }

    /** Delivers the replies of async rules and late replies; required once either happens. */
    public void setAsyncReplySender(WxAsyncReplySender asyncReplySender) {
        this.asyncReplySender = Objects.requireNonNull(asyncReplySender, "asyncReplySender must not be null");
    }

    /**
     * Replaces the default async executor (up to 200 rules at once on daemon threads that end
     * after a minute idle, a queue of 1000). It must be bounded and throw
     * {@link RejectedExecutionException} when full (e.g. a {@code ThreadPoolExecutor} with a
     * bounded queue and {@code AbortPolicy}), or messages would be dropped or run on the callback
     * thread. The router shuts it down in {@link #shutdown}.
     *
     * @throws IllegalStateException if an async message was already routed
     */
    public void setAsyncExecutor(ExecutorService executor) {
        asyncExecutor.setExecutor(Objects.requireNonNull(executor, "executor must not be null"));
    }

    /** Starts a new rule; it takes effect when {@link WxMessageRouterRule#end()} or {@code next()} adds it. */
    public WxMessageRouterRule rule() {
        return new WxMessageRouterRule(this);
    }

    synchronized void add(WxRule rule) {
        WxRule[] next = Arrays.copyOf(rules, rules.length + 1);
        next[rules.length] = rule;
        Arrays.sort(next, BY_ORDER);
        rules = next;
    }

    /** {@link #route(WxXmlMessage, Map)} with a fresh context. */
    public @Nullable WxXmlOutMessage route(WxXmlMessage message) {
        return route(message, new HashMap<>());
    }

    /**
     * Routes one delivery of a message.
     *
     * @param context shared by the interceptors and handlers of every rule that runs
     * @return the reply, or {@code null} for none (answer {@code success}); for a duplicate, the
     *         first delivery's reply
     * @throws WxMessageHandlingException if handling failed; answer 500 so WeChat retries
     * @throws WxMessageInProgressException if an earlier delivery is still running; answer 503
     * @throws WxSenderBusyException if another message of the sender ran for the whole wait; answer 503
     * @throws WxDeliveryLostException if this delivery lost its hold on the message while its
     *         handlers ran (Redis: the lease ran out), so nothing of it was kept; answer 503
     */
    public @Nullable WxXmlOutMessage route(WxXmlMessage message, Map<String, Object> context) {
        Routed routed = dispatch(message, context, WxEarlyAnswer.NONE);
        if (routed.reply != null || routed.xml == null) {
            return routed.reply;
        }
        return WxXmlOutMessage.fromXml(routed.xml);
    }

    /** {@link #routeToXml(WxXmlMessage, Map)} with a fresh context. */
    public @Nullable String routeToXml(WxXmlMessage message) {
        return routeToXml(message, new HashMap<>());
    }

    /**
     * Like {@link #route(WxXmlMessage, Map)}, but answers the reply's XML, which is what a
     * callback sends (or encrypts); a duplicate's cached reply is returned without reading it back.
     *
     * @return the reply's XML, or {@code null} for none
     */
    public @Nullable String routeToXml(WxXmlMessage message, Map<String, Object> context) {
        return dispatch(message, context, WxEarlyAnswer.NONE).xml;
    }

    /**
     * Like {@link #routeToXml(WxXmlMessage, Map)}, for a callback that can be answered before its
     * handler finishes: in {@link WxLateReply#CUSTOMER_SERVICE} mode, {@code early} is called at the
     * reply deadline, from another thread, while the handler goes on; the reply then goes out as a
     * customer-service message and this returns {@code null}.
     */
    public @Nullable String routeToXml(WxXmlMessage message, Map<String, Object> context, WxEarlyAnswer early) {
        return dispatch(message, context, Objects.requireNonNull(early, "early must not be null")).xml;
    }

    /** The unit of work of one delivery; see the class comment. */
    private Routed dispatch(WxXmlMessage message, Map<String, Object> context, WxEarlyAnswer early) {
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(context, "context must not be null");
        WxMessageAdmission admission = gate.begin(WxMessageKeys.keyOf(account, message),
                WxMessageKeys.senderOf(message));
        switch (admission.outcome()) {
            case HANDLED -> {
                return new Routed(null, admission.replyXml());
            }
            case IN_PROGRESS -> throw new WxMessageInProgressException(admission.key());
            case PARKED -> {
                return Routed.of(lateReplies.placeholderFor(message));
            }
            default -> {
                // ACQUIRED: this delivery handles the message.
            }
        }
        WxDelivery delivery = admission.delivery();
        ReplyDeadlines.Watch watch = null;
        Routed routed;
        try {
            WxSessionManager sessions = delivery.sessionManager(sessionManager);
            String parked = delivery.takeParkedReply();
            if (parked != null) {
                routed = new Routed(null, parked);
            } else {
                watch = lateReplies.deadlines().watch(delivery.key(), early, lateReplies.mode());
                routed = Routed.of(routeOnce(message, context, sessions, watch));
            }
        } catch (RuntimeException | Error failure) {
            delivery.abandon();
            if (watch != null && watch.finish() != null) {
                watch.done();
            }
            throw failure;
        }
        WxLateReply late = watch == null ? null : watch.finish();
        if (late == null) {
            complete(delivery, routed.xml);
            return routed;
        }
        try {
            return lateReplies.complete(delivery, message, routed.reply, routed.xml, late, asyncReplySender)
                    ? routed : Routed.NONE;
        } finally {
            watch.done();
        }
    }

    private WxXmlOutMessage routeOnce(WxXmlMessage message, Map<String, Object> context, WxSessionManager sessions,
            ReplyDeadlines.Watch watch) {
        WxXmlOutMessage reply = null;
        for (WxRule rule : rules) {
            WxXmlOutMessage ruleReply = null;
            try {
                if (!rule.matches(message)) {
                    continue;
                }
                if (!rule.async) {
                    watch.mode(rule.lateReply != null ? rule.lateReply : lateReplies.mode());
                    ruleReply = rule.run(message, context, wxService, sessions);
                }
            } catch (Exception e) {
                return recover(message, context, e);
            }
            if (rule.async) {
                runAsync(rule, message, context);
            } else if (ruleReply != null) {
                reply = ruleReply;
            }
            if (!rule.continues) {
                break;
            }
        }
        return reply;
    }

    /** The exception handler's reply ends routing; its exception fails the message. */
    private WxXmlOutMessage recover(WxXmlMessage message, Map<String, Object> context, Exception failure) {
        try {
            return exceptionHandler.handle(message, context, failure);
        } catch (WxMessageHandlingException e) {
            throw e;
        } catch (Exception e) {
            throw new WxMessageHandlingException("handling " + message + " failed", e);
        }
    }

    private void runAsync(WxRule rule, WxXmlMessage message, Map<String, Object> context) {
        WxAsyncReplySender sender = asyncReplySender;
        if (sender == null) {
            throw new IllegalStateException("an async rule matched " + message
                    + " but no WxAsyncReplySender is set; call setAsyncReplySender(...)");
        }
        // Everything the task needs is captured now: the caller may reuse its context map, and the
        // router's settings may change; the account travels in the message itself.
        AsyncRuleTask task = new AsyncRuleTask(rule, message, new HashMap<>(context), wxService, sessionManager,
                exceptionHandler, sender);
        sender.accepted(message);
        try {
            asyncExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            throw new WxMessageHandlingException("the async queue is full or the router is shut down; "
                    + "WeChat will retry " + message, e);
        }
    }

    /**
     * A message counts as handled only once its outcome is recorded. A store that records the
     * reply together with the session's changes (Redis) has saved neither when this fails, so the
     * delivery fails too and WeChat's retry handles the message again, instead of the user seeing
     * a reply whose effects were lost. A delivery that lost its hold says so as it is.
     */
    private static void complete(WxDelivery delivery, String xml) {
        recorded(delivery, () -> {
            delivery.complete(xml);
            return null;
        });
    }

    static <T> T recorded(WxDelivery delivery, java.util.function.Supplier<T> completion) {
        try {
            return completion.get();
        } catch (WxDeliveryLostException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WxMessageHandlingException("the outcome of message " + delivery.key()
                    + " could not be recorded; WeChat's retry will handle it again", e);
        }
    }

    /**
     * Stops accepting async work and waits up to {@code timeout} for queued work to finish.
     *
     * @return {@code true} if everything finished; otherwise the rest was interrupted (and logged)
     */
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        long start = System.nanoTime();
        boolean allSent = lateReplies.shutdown(timeout);
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        return asyncExecutor.shutdown(left.isNegative() ? Duration.ZERO : left) && allSent;
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** One routing result: the reply object when this delivery ran the handlers, and its XML. */
    private record Routed(WxXmlOutMessage reply, String xml) {
        static final Routed NONE = new Routed(null, null);

        static Routed of(WxXmlOutMessage reply) {
            return new Routed(reply, reply == null ? null : reply.toXml());
        }
    }
}
