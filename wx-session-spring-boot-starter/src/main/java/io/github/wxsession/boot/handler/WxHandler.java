package io.github.wxsession.boot.handler;

import io.github.wxsession.router.WxLateReply;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a message handler. Every condition that is set must match (AND); an
 * empty one matches anything. Handlers are tried by {@link #order()}, lowest first; the first
 * that matches handles the message unless it says {@link #next()}.
 *
 * <p>Parameters, resolved per message: {@code WxXmlMessage}, {@code WxSession} (the sender's,
 * created on demand; {@code null} for WeCom's system events from {@code sys}, which have no user
 * behind them), {@code WxSessionManager}, {@code WxService}, {@code Map<String, Object>}
 * (the routing context), {@code WxAccount} (which account the message came to), and any
 * parameter annotated {@link WxSessionAttribute}. Return a {@code String} (a text reply), a
 * {@code WxXmlOutMessage}, or nothing ({@code void} or {@code null}: no reply).
 *
 * <pre>{@code
 * @WxHandler(msgType = "text", content = "guess")
 * String start(WxSession session) {
 *     session.setAttribute("number", 42);
 *     return "I picked a number between 1 and 100. Guess!";
 * }
 * }</pre>
 *
 * A handler whose parameters or return type cannot be served, whose regex does not compile, or
 * whose conditions and order equal another's fails startup with a message naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WxHandler {

    /** {@code MsgType} to match, e.g. {@code text}, {@code event}; empty: any. */
    String msgType() default "";

    /** {@code Event} to match, e.g. {@code subscribe}, {@code CLICK} (case-insensitive); empty: any. */
    String event() default "";

    /** {@code EventKey} to match exactly; empty: any. */
    String eventKey() default "";

    /** Regular expression the whole {@code EventKey} must match; empty: any. */
    String eventKeyRegex() default "";

    /** {@code Content} to match exactly; empty: any. */
    String content() default "";

    /** Regular expression the whole {@code Content} must match; empty: any. */
    String contentRegex() default "";

    /** {@code FromUserName} (the sender's openid) to match; empty: any. */
    String fromUser() default "";

    /** WeCom {@code AgentID} to match; empty: any. */
    String agentId() default "";

    /** Names of the accounts ({@code default} or keys of {@code wx.accounts}) this handler serves; empty: all. */
    String[] account() default {};

    /** Position among the handlers; lower runs first. */
    int order() default 0;

    /**
     * Run on the async executor and answer WeChat at once with no reply; whatever the handler
     * returns is sent later through the customer-service message API.
     */
    boolean async() default false;

    /**
     * What happens to this handler's reply if it is still running at {@code wx.router.reply-timeout},
     * instead of {@code wx.router.late-reply}: at most one value; empty (the default) follows the
     * property. Not for an {@link #async()} handler, which never holds up the callback.
     */
    WxLateReply[] lateReply() default {};

    /** After this handler, keep trying later handlers instead of stopping. */
    boolean next() default false;
}
