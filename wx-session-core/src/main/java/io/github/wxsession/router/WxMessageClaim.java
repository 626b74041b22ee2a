package io.github.wxsession.router;

/**
 * What a {@link WxMessageDuplicateChecker} answered when asked to claim a message.
 *
 * @param key the message's de-duplication key
 * @param outcome what the delivery should do
 * @param token proves ownership to {@code complete} / {@code release}; set only when
 *        {@link Outcome#ACQUIRED} (a cluster store must make it unique across instances)
 * @param replyXml the cached reply when {@link Outcome#HANDLED}; {@code null} when the message
 *        was handled without a reply (and for the other outcomes)
 */
public record WxMessageClaim(String key, Outcome outcome, String token, String replyXml) {

    /** What a delivery should do with its message. */
    public enum Outcome {
        /** This delivery owns the message: handle it, then complete or release the claim. */
        ACQUIRED,
        /** An earlier delivery handled it: answer with {@link #replyXml()}, run nothing. */
        HANDLED,
        /** An earlier delivery is still handling it after the store's wait: ask WeChat to retry later. */
        IN_PROGRESS
    }

    public WxMessageClaim {
        if (key == null || outcome == null) {
            throw new IllegalArgumentException("key and outcome must not be null");
        }
        if ((outcome == Outcome.ACQUIRED) != (token != null)) {
            throw new IllegalArgumentException("a token is required for ACQUIRED claims and only for them");
        }
        if (replyXml != null && outcome != Outcome.HANDLED) {
            throw new IllegalArgumentException("only HANDLED claims carry a reply");
        }
    }

    /** This delivery owns {@code key}; {@code token} identifies it to the store. */
    public static WxMessageClaim acquired(String key, String token) {
        return new WxMessageClaim(key, Outcome.ACQUIRED, token, null);
    }

    /** {@code key} was handled; {@code replyXml} is its reply, {@code null} for none. */
    public static WxMessageClaim handled(String key, String replyXml) {
        return new WxMessageClaim(key, Outcome.HANDLED, null, replyXml);
    }

    /** {@code key} is still being handled elsewhere. */
    public static WxMessageClaim inProgress(String key) {
        return new WxMessageClaim(key, Outcome.IN_PROGRESS, null, null);
    }
}
