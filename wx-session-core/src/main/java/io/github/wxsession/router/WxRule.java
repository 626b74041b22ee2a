package io.github.wxsession.router;

import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A registered rule: immutable, shared by all routing threads. */
final class WxRule {

    final int order;
    final boolean async;
    /** The rule's own late-reply mode; {@code null}: the router's. */
    final @Nullable WxLateReply lateReply;
    /** {@code next()} rather than {@code end()}: routing goes on to later rules after this one. */
    final boolean continues;
    private final WxRuleConditions conditions;
    private final WxMessageInterceptor[] interceptors;
    private final WxMessageHandler[] handlers;

    WxRule(WxMessageRouterRule rule, boolean continues) {
        this.order = rule.order;
        this.async = rule.async;
        this.lateReply = rule.lateReply;
        this.continues = continues;
        this.conditions = rule.conditions;
        this.interceptors = rule.interceptors.toArray(new WxMessageInterceptor[0]);
        this.handlers = rule.handlers.toArray(new WxMessageHandler[0]);
    }

    boolean matches(WxXmlMessage message) {
        return conditions.matches(message);
    }

    /**
     * Runs the interceptors, then, unless one vetoed, every handler in order.
     *
     * @return the last non-null reply of the handlers, or {@code null}
     */
    WxXmlOutMessage run(WxXmlMessage message, Map<String, Object> context, WxService wxService,
            WxSessionManager sessionManager) throws WxErrorException {
        for (WxMessageInterceptor interceptor : interceptors) {
            if (!interceptor.intercept(message, context, wxService, sessionManager)) {
                return null;
            }
        }
        WxXmlOutMessage reply = null;
        for (WxMessageHandler handler : handlers) {
            WxXmlOutMessage handlerReply = handler.handle(message, context, wxService, sessionManager);
            if (handlerReply != null) {
                reply = handlerReply;
            }
        }
        return reply;
    }
}
