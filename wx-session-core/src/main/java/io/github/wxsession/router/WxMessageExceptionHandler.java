package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides what an exception thrown by an interceptor or handler means for the message.
 *
 * <p>Returning (a reply or {@code null}) turns the failure into an answer: the message counts as
 * handled, its reply is cached for retries and routing stops there. Throwing lets the message
 * fail: the router releases its de-duplication claim and throws
 * {@link WxMessageHandlingException}, so the callback answers with an error and WeChat's retry
 * gets a fresh attempt. The router's default rethrows, i.e. every exception fails the message.
 *
 * <p>For async rules the message was already answered; a reply returned here is sent through
 * the {@link WxAsyncReplySender}, and a thrown exception is logged.
 */
@FunctionalInterface
public interface WxMessageExceptionHandler {

    /**
     * @param message the message being handled
     * @param context the routing context as the failing interceptor or handler left it
     * @param exception what the interceptor or handler threw, checked or not ({@link Error}s are
     *        not caught and fail the message)
     * @return the reply to answer with instead, or {@code null} for none
     * @throws Exception to fail the message (typically {@code exception} itself)
     */
    @Nullable WxXmlOutMessage handle(WxXmlMessage message, Map<String, Object> context, Exception exception) throws Exception;
}
