package io.github.wxsession.router;

import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import org.jspecify.annotations.Nullable;

/**
 * Replies parked in their sender's session: a synchronous handler in
 * {@link WxLateReply#RETRIES RETRIES} mode that outlived all of WeChat's deliveries leaves its
 * reply there, and the sender's next message is answered with it, once, instead of being routed.
 * The reply is kept as its XML under {@link #ATTRIBUTE}, so it lives as long as the session and, in
 * a shared store, survives a restart.
 */
public final class WxParkedReplies {

    /** The session attribute that holds a parked reply's XML; reserved. */
    public static final String ATTRIBUTE = "wx-session.parked-reply";

    private WxParkedReplies() {
    }

    /** Removes and answers the reply parked in {@code session}, or {@code null} if none is (or no session). */
    public static @Nullable String take(@Nullable WxSession session) {
        if (session == null) {
            return null;
        }
        try {
            if (!(session.getAttribute(ATTRIBUTE) instanceof String parked)) {
                return null;
            }
            session.removeAttribute(ATTRIBUTE);
            return parked;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Parks {@code replyXml} for {@code sender}, creating the session if needed. */
    static void park(WxSessionManager sessions, String sender, String replyXml) {
        sessions.getSession(sender, true).setAttribute(ATTRIBUTE, replyXml);
    }
}
