package io.github.wxsession.router;

import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Handles the messages a rule matched; see {@link WxMessageRouterRule#handler}. */
@FunctionalInterface
public interface WxMessageHandler {

    /**
     * Handles one message.
     *
     * @param wxMessage the inbound message
     * @param context shared by the interceptors and handlers of every rule that runs for this
     *        message (async rules get a copy taken when they are queued)
     * @param wxService the API client of the router's account
     * @param sessionManager the session manager given to the router, or {@code null} if none was
     * @return the passive reply, or {@code null} for none
     * @throws WxErrorException if a WeChat API call failed; it goes to the router's
     *         {@link WxMessageExceptionHandler} like any other exception
     */
    @Nullable WxXmlOutMessage handle(WxXmlMessage wxMessage, Map<String, Object> context, WxService wxService,
            @Nullable WxSessionManager sessionManager) throws WxErrorException;
}
