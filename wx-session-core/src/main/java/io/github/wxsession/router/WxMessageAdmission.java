package io.github.wxsession.router;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link WxMessageGate} answered when a delivery began.
 *
 * @param key the message's key
 * @param outcome what the delivery should do
 * @param delivery the unit of work when {@link Outcome#ACQUIRED}, else {@code null}
 * @param replyXml the cached reply when {@link Outcome#HANDLED}; {@code null} when the message was
 *        handled without a reply (and for the other outcomes)
 */
public record WxMessageAdmission(String key, Outcome outcome, @Nullable WxDelivery delivery, @Nullable String replyXml) {

    /** What a delivery should do with its message. */
    public enum Outcome {
        /** This delivery holds the message: handle it, then complete or abandon the delivery. */
        ACQUIRED,
        /** An earlier delivery handled it: answer with {@link #replyXml()}, run nothing. */
        HANDLED,
        /** An earlier delivery is still handling it after the gate's wait: ask WeChat to retry later. */
        IN_PROGRESS,
        /**
         * WeChat's last delivery, and an earlier one is still handling the message after the wait:
         * the gate asked that one to park its reply in the sender's session
         * ({@link WxDelivery#completeLate}); answer a placeholder, run nothing.
         */
        PARKED
    }

    public WxMessageAdmission {
        if (key == null || outcome == null) {
            throw new IllegalArgumentException("key and outcome must not be null");
        }
        if ((outcome == Outcome.ACQUIRED) != (delivery != null)) {
            throw new IllegalArgumentException("a delivery comes with ACQUIRED admissions and only with them");
        }
        if (replyXml != null && outcome != Outcome.HANDLED) {
            throw new IllegalArgumentException("only HANDLED admissions carry a reply");
        }
    }

    /** This delivery holds the message. */
    public static WxMessageAdmission acquired(WxDelivery delivery) {
        return new WxMessageAdmission(delivery.key(), Outcome.ACQUIRED, delivery, null);
    }

    /** {@code key} was handled; {@code replyXml} is its reply, {@code null} for none. */
    public static WxMessageAdmission handled(String key, @Nullable String replyXml) {
        return new WxMessageAdmission(key, Outcome.HANDLED, null, replyXml);
    }

    /** {@code key} is still being handled by another delivery, which will park its reply. */
    public static WxMessageAdmission parked(String key) {
        return new WxMessageAdmission(key, Outcome.PARKED, null, null);
    }

    /** {@code key} is still being handled by another delivery. */
    public static WxMessageAdmission inProgress(String key) {
        return new WxMessageAdmission(key, Outcome.IN_PROGRESS, null, null);
    }
}
