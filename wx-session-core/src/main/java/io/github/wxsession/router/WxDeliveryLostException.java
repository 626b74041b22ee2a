package io.github.wxsession.router;

/**
 * A delivery lost its hold on its message while its handlers ran: a cluster store's lease ran out
 * (a process frozen by a long GC pause, a network partition, Redis unreachable for longer than the
 * lease), and another delivery may have taken the message and the sender's session since.
 *
 * <p>This delivery's outcome was fenced off: none of its attribute changes was saved and its
 * reply was not cached, so the state and the reply of the delivery that holds the message now
 * stand. (Creating or invalidating the session take effect at once, as outside a delivery, and
 * are not fenced.) Answer 503: if WeChat still retries, it gets that delivery's reply.
 */
public class WxDeliveryLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    public WxDeliveryLostException(String messageKey) {
        super("the delivery of message " + messageKey + " lost its hold on the message before it ended (its lease"
                + " ran out); its session changes and its reply were discarded", null, false, false);
        this.messageKey = messageKey;
    }

    /** The key of the message. */
    public String getMessageKey() {
        return messageKey;
    }
}
