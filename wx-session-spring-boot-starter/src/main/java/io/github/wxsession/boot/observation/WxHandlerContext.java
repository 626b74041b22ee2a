package io.github.wxsession.boot.observation;

import io.github.wxsession.message.WxXmlMessage;
import io.micrometer.observation.Observation;

/**
 * One run of one {@code @WxHandler} method for one message; the handler failed if the context
 * has an {@linkplain #getError() error}.
 */
public class WxHandlerContext extends Observation.Context {

    private final String account;
    private final String handler;
    private final WxXmlMessage message;

    public WxHandlerContext(String account, String handler, WxXmlMessage message) {
        this.account = account;
        this.handler = handler;
        this.message = message;
    }

    /** The configured account's name. */
    public String getAccount() {
        return account;
    }

    /** The handler method, e.g. {@code GameHandlers.guess(WxSession, Integer)}. */
    public String getHandler() {
        return handler;
    }

    /** The message handled; its user and content are high-cardinality, for spans at most. */
    public WxXmlMessage getMessage() {
        return message;
    }
}
