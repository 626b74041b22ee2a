package io.github.wxsession.router;

import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;

/**
 * One async rule for one message, with everything it needs captured when it was queued. The
 * callback was answered long ago, so failures can only be logged or turned into a reply.
 */
final class AsyncRuleTask implements Runnable {

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());

    private final WxRule rule;
    private final WxXmlMessage message;
    private final Map<String, Object> context;
    private final WxService wxService;
    private final WxSessionManager sessionManager;
    private final WxMessageExceptionHandler exceptionHandler;
    private final WxAsyncReplySender replySender;

    AsyncRuleTask(WxRule rule, WxXmlMessage message, Map<String, Object> context, WxService wxService,
            WxSessionManager sessionManager, WxMessageExceptionHandler exceptionHandler, WxAsyncReplySender replySender) {
        this.rule = rule;
        this.message = message;
        this.context = context;
        this.wxService = wxService;
        this.sessionManager = sessionManager;
        this.exceptionHandler = exceptionHandler;
        this.replySender = replySender;
    }

    @Override
    public void run() {
        WxXmlOutMessage reply;
        try {
            reply = rule.run(message, context, wxService, sessionManager);
        } catch (Exception failure) {
            try {
                reply = exceptionHandler.handle(message, context, failure);
            } catch (Exception unrecovered) {
                LOG.log(System.Logger.Level.ERROR, "async rule failed for " + message, unrecovered);
                return;
            }
        }
        if (reply != null) {
            try {
                replySender.send(message, reply);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "could not send the async reply to " + message, e);
            }
        }
    }
}
