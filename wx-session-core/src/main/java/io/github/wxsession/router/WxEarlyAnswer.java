package io.github.wxsession.router;

/**
 * How a router answers a callback before its handler finishes: given by the caller of
 * {@link WxMessageRouter#routeToXml(io.github.wxsession.message.WxXmlMessage, java.util.Map, WxEarlyAnswer)},
 * called at most once, from the router's deadline thread, while the handler goes on running on the
 * caller's thread. The caller must then not answer again when routing returns.
 */
@FunctionalInterface
public interface WxEarlyAnswer {

    /** Answers nothing early: the caller answers when routing returns, however late. */
    WxEarlyAnswer NONE = () -> {
    };

    /**
     * Answers the delivery {@code success} (nothing to show, no retry) now. Must not block for
     * long; a failure is logged by the router and changes nothing else.
     */
    void success() throws Exception;
}
