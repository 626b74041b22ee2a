package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * What a router does with the replies of synchronous handlers that outlive the reply deadline:
 * the settings ({@link WxLateReply} mode, placeholder), the deadlines themselves, and the end of a
 * late delivery.
 */
final class LateReplies {

    private static final System.Logger LOG = System.getLogger(WxMessageRouter.class.getName());

    private final ReplyDeadlines deadlines;
    private volatile WxLateReply mode = WxLateReply.CUSTOMER_SERVICE;
    private volatile String placeholder;

    LateReplies(Duration timeout, String placeholder) {
        this.deadlines = new ReplyDeadlines(timeout);
        this.placeholder = placeholder;
    }

    ReplyDeadlines deadlines() {
        return deadlines;
    }

    WxLateReply mode() {
        return mode;
    }

    void setMode(WxLateReply mode) {
        this.mode = mode;
    }

    void setPlaceholder(String placeholder) {
        this.placeholder = placeholder;
    }

    /** What WeChat's last delivery answers while the handler still runs. */
    WxXmlOutMessage placeholderFor(WxXmlMessage message) {
        return WxXmlOutMessage.replyTo(message).text(placeholder);
    }

    /**
     * Completes a delivery whose handlers outlived the reply deadline. In customer-service mode the
     * callback was answered {@code success} already, so the reply is sent as a customer-service
     * message; in retries mode it is cached for WeChat's retries. In both it is parked instead if
     * WeChat's last delivery asked for that meanwhile.
     *
     * @return whether the caller still answers {@code reply} itself (retries mode, not parked)
     */
    boolean complete(WxDelivery delivery, WxXmlMessage message, WxXmlOutMessage reply, String xml, WxLateReply late,
            WxAsyncReplySender sender) {
        boolean customerService = late == WxLateReply.CUSTOMER_SERVICE;
        boolean parked = WxMessageRouter.recorded(delivery,
                () -> delivery.completeLate(customerService ? null : xml, xml));
        if (parked) {
            LOG.log(Level.INFO, () -> "message " + delivery.key() + " outlived WeChat's deliveries; its reply is"
                    + " parked for the sender's next message");
            return false;
        }
        if (!customerService) {
            return true;
        }
        if (reply != null) {
            send(message, reply, delivery.key(), sender);
        }
        return false;
    }

    private static void send(WxXmlMessage message, WxXmlOutMessage reply, String key, WxAsyncReplySender sender) {
        try {
            if (sender == null) {
                throw new IllegalStateException("no WxAsyncReplySender is set; call setAsyncReplySender(...)");
            }
            if (WxMessageKeys.senderOf(message) == null) {
                throw new IllegalStateException("the message has no user to send it to");
            }
            sender.send(message, reply);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "message " + key + ": its handler finished after the reply deadline, and its reply"
                    + " could not be sent as a customer-service message; it is lost", e);
        }
    }

    /**
     * Waits up to {@code timeout} for handlers running past their deadline to finish and deal with
     * their replies.
     *
     * @return whether none was left; those left are logged
     */
    boolean shutdown(Duration timeout) {
        List<String> unsent = deadlines.awaitLate(timeout);
        if (!unsent.isEmpty()) {
            LOG.log(Level.WARNING, "shutting down while the handlers of {0} message(s) were still running past"
                    + " their reply deadline; their replies will not be sent: {1}", unsent.size(), unsent);
        }
        return unsent.isEmpty();
    }
}
