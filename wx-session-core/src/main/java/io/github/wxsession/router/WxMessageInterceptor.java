package io.github.wxsession.router;

import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs before a rule's handlers and may veto them; see {@link WxMessageRouterRule#interceptor}. */
@FunctionalInterface
public interface WxMessageInterceptor {

    /**
     * Decides whether the rule's handlers run for this message; may also put values into the
     * context for them.
     *
     * @return {@code false} to skip the rule's remaining interceptors and its handlers
     * @throws WxErrorException if a WeChat API call failed; handled like a handler's exception
     */
    boolean intercept(WxXmlMessage wxMessage, Map<String, Object> context, WxService wxService,
            @Nullable WxSessionManager sessionManager) throws WxErrorException;
}
