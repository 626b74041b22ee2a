package io.github.wxsession.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds one routing rule; start with {@link WxMessageRouter#rule()}, finish with {@link #end()}
 * or {@link #next()}.
 *
 * <pre>{@code
 * router.rule().msgType(WxMsgType.TEXT).contentRegex("\\d+").handler(guess).end()
 *       .rule().event(WxEventType.SUBSCRIBE).handler(welcome).end()
 *       .rule().handler(fallback).end();
 * }</pre>
 *
 * <p>Every condition set must hold (AND); a rule without conditions matches every message.
 * {@code msgType} and {@code event} compare ignoring case ({@code event("scan")} matches
 * WeChat's {@code SCAN}), event keys, contents, users and agent ids exactly; content is compared
 * with surrounding whitespace stripped. A matching rule runs its interceptors, then, unless one
 * vetoed, its handlers in order; the message's reply is the last non-null reply of any handler
 * of any rule that ran. Setting a condition twice keeps the last value. The conditions set make
 * one immutable {@link WxRuleConditions}, which {@link #conditions(WxRuleConditions)} can also
 * give at once.
 */
public final class WxMessageRouterRule {

    private final WxMessageRouter router;
    private boolean added;

    // Read by WxRule when the rule is added.
    boolean async;
    @Nullable WxLateReply lateReply;
    int order;
    WxRuleConditions conditions = WxRuleConditions.ANY;
    final List<WxMessageInterceptor> interceptors = new ArrayList<>();
    final List<WxMessageHandler> handlers = new ArrayList<>();

    WxMessageRouterRule(WxMessageRouter router) {
        this.router = router;
    }

    /**
     * Runs this rule's interceptors and handlers on the router's bounded async executor instead
     * of the callback thread. The callback's answer then does not wait for them; their reply
     * goes to the router's {@link WxAsyncReplySender}. For work that may take longer than
     * WeChat's 5 s.
     */
    public WxMessageRouterRule async() {
        this.async = true;
        return this;
    }

    /**
     * What happens to this rule's reply when its handlers are still running at the router's reply
     * deadline, instead of the router's {@linkplain WxMessageRouter#setLateReply default}. Has no
     * effect on an {@link #async()} rule, which never holds up the callback.
     */
    public WxMessageRouterRule lateReply(WxLateReply lateReply) {
        this.lateReply = required(lateReply, "lateReply");
        return this;
    }

    /**
     * Where the rule sits among the router's rules: lower runs first; rules of equal order keep
     * the order they were added in. Default 0.
     */
    public WxMessageRouterRule order(int order) {
        this.order = order;
        return this;
    }

    /** {@code MsgType} equals this, ignoring case; see {@code WxMsgType}. */
    public WxMessageRouterRule msgType(String msgType) {
        conditions = conditions.withMsgType(msgType);
        return this;
    }

    /** {@code Event} equals this, ignoring case; see {@code WxEventType}. */
    public WxMessageRouterRule event(String event) {
        conditions = conditions.withEvent(event);
        return this;
    }

    /** {@code EventKey} equals this exactly. */
    public WxMessageRouterRule eventKey(String eventKey) {
        conditions = conditions.withEventKey(eventKey);
        return this;
    }

    /** {@code EventKey} matches this regex as a whole, e.g. {@code "qrscene_.*"}. */
    public WxMessageRouterRule eventKeyRegex(String regex) {
        conditions = conditions.withEventKeyRegex(regex);
        return this;
    }

    /** {@code Content}, stripped of surrounding whitespace, equals this exactly. */
    public WxMessageRouterRule content(String content) {
        conditions = conditions.withContent(content);
        return this;
    }

    /** {@code Content}, stripped of surrounding whitespace, matches this regex as a whole. */
    public WxMessageRouterRule contentRegex(String regex) {
        conditions = conditions.withContentRegex(regex);
        return this;
    }

    /** {@code FromUserName} (the sender's OpenID or WeCom UserID) equals this. */
    public WxMessageRouterRule fromUser(String fromUser) {
        conditions = conditions.withFromUser(fromUser);
        return this;
    }

    /** WeCom {@code AgentID} equals this. */
    public WxMessageRouterRule agentId(String agentId) {
        conditions = conditions.withAgentId(agentId);
        return this;
    }

    /** WeCom {@code AgentID} equals this. */
    public WxMessageRouterRule agentId(int agentId) {
        return agentId(Integer.toString(agentId));
    }

    /** A custom condition, checked after the others. */
    public WxMessageRouterRule matcher(WxMessageMatcher matcher) {
        conditions = conditions.withMatcher(matcher);
        return this;
    }

    /** Replaces every condition set so far with {@code conditions}; later calls add to them. */
    public WxMessageRouterRule conditions(WxRuleConditions conditions) {
        this.conditions = required(conditions, "conditions");
        return this;
    }

    /**
     * Adds interceptors, run in order before the handlers. If one returns {@code false} the
     * rule's handlers are skipped, but the rule still counts as matched: an {@link #end()} rule
     * still stops routing.
     */
    public WxMessageRouterRule interceptor(WxMessageInterceptor interceptor, WxMessageInterceptor... more) {
        add(interceptors, interceptor, more, "interceptor");
        return this;
    }

    /** Adds handlers, run in order; at least one is required. */
    public WxMessageRouterRule handler(WxMessageHandler handler, WxMessageHandler... more) {
        add(handlers, handler, more, "handler");
        return this;
    }

    /** Adds the rule; a message it matches is not offered to later rules. */
    public WxMessageRouter end() {
        return addTo(false);
    }

    /** Adds the rule; a message it matches is still offered to later rules. */
    public WxMessageRouter next() {
        return addTo(true);
    }

    private WxMessageRouter addTo(boolean continues) {
        if (added) {
            throw new IllegalStateException("this rule was already added; start another with router.rule()");
        }
        if (handlers.isEmpty()) {
            throw new IllegalStateException("a rule needs at least one handler; add one with handler(...)");
        }
        added = true;
        router.add(new WxRule(this, continues));
        return router;
    }

    private static <T> void add(List<T> list, T first, T[] more, String what) {
        list.add(required(first, what));
        for (T each : more) {
            list.add(required(each, what));
        }
    }

    private static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }
}
