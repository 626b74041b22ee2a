package io.github.wxsession.router;

/**
 * This delivery is a duplicate of a message that another delivery is still handling, and that
 * did not finish within the de-duplication store's wait.
 *
 * <p>Nothing was run for this delivery. The callback should answer 503 so WeChat retries later,
 * when the first delivery's reply is cached; running the message a second time concurrently is
 * what this exception prevents.
 */
public class WxMessageInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    public WxMessageInProgressException(String messageKey) {
        super("message " + messageKey + " is still being handled by an earlier delivery; answer 503 so WeChat retries");
        this.messageKey = messageKey;
    }

    /** The de-duplication key of the message. */
    public String getMessageKey() {
        return messageKey;
    }
}
