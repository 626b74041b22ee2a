package io.github.wxsession.router;

import java.time.Duration;

/**
 * Another message of the same sender was being handled for the whole of a delivery's wait for
 * the sender's turn. Nothing was run and nothing is held; answer 503 so WeChat retries later.
 */
public class WxSenderBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    public WxSenderBusyException(String messageKey, String sender, Duration waited) {
        super("gave up waiting " + waited + " for the turn of sender " + sender + " to handle message " + messageKey
                + ": another message of that sender is still being handled; answer 503 so WeChat retries", null,
                false, false);
        this.messageKey = messageKey;
    }

    /** The key of the message that waited. */
    public String getMessageKey() {
        return messageKey;
    }
}
