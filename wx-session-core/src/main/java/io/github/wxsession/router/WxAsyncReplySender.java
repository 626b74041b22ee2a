package io.github.wxsession.router;

import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;

/**
 * Delivers the reply of an async rule, which comes too late to be the callback's response;
 * typically through the customer-service (客服) message API. Set it with
 * {@link WxMessageRouter#setAsyncReplySender}.
 */
@FunctionalInterface
public interface WxAsyncReplySender {

    /**
     * Sends {@code reply}, addressed to the sender of {@code inbound}.
     *
     * @param inbound the message the async rule handled; it names the account and user
     *        ({@code ToUserName}, {@code AgentID}, {@code FromUserName})
     * @param reply what the rule's handlers (or the exception handler) answered; never {@code null}
     * @throws WxErrorException if the API call failed; the router logs it
     */
    void send(WxXmlMessage inbound, WxXmlOutMessage reply) throws WxErrorException;

    /**
     * Called when an async rule is queued for {@code inbound}, before the callback is answered
     * and before the rule runs; by default nothing. A channel whose answer announces a reply to
     * come (the WeCom AI bot's stream) prepares it here.
     */
    default void accepted(WxXmlMessage inbound) {
    }
}
