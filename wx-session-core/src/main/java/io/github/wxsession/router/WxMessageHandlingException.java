package io.github.wxsession.router;

/**
 * A message could not be handled: an interceptor or handler failed and the
 * {@link WxMessageExceptionHandler} did not turn the failure into a reply, or an async rule
 * could not be queued.
 *
 * <p>The router has already released the message's de-duplication claim, so the callback
 * should answer with a server error (500): WeChat then retries and the retry is handled afresh.
 */
public class WxMessageHandlingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WxMessageHandlingException(String message, Throwable cause) {
        super(message, cause);
    }
}
