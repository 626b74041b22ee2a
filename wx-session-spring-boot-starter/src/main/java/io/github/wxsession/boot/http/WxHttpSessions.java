package io.github.wxsession.boot.http;

import io.github.wxsession.session.WxSession;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The names HTTP sessions use, and the current request's session for code that is not a
 * controller method (filters, aspects, exception handlers).
 */
public final class WxHttpSessions {

    /** Attribute holding the user's openid, set at login. */
    public static final String OPEN_ID = "openid";

    /** Attribute holding the user's unionid, set at login when WeChat sends one. */
    public static final String UNION_ID = "unionid";

    /**
     * Attribute (value {@code true}) that marks a session created by the login endpoint. A request
     * presenting the id of any other session, such as a message session keyed by an openid (which
     * is no secret), is refused as if the id were unknown.
     */
    public static final String LOGIN_MARKER = "wx.httpLogin";

    /** Request attribute holding the verified {@link WxSession} of the request. */
    public static final String REQUEST_ATTRIBUTE = WxHttpSessions.class.getName() + ".SESSION";

    private WxHttpSessions() {
    }

    /** The request's verified session, or {@code null} if it carries none (possible on public paths only). */
    public static @Nullable WxSession current(HttpServletRequest request) {
        return (WxSession) request.getAttribute(REQUEST_ATTRIBUTE);
    }

    /** Whether {@code session} was created by the login endpoint. */
    static boolean isLoginSession(WxSession session) {
        return Boolean.TRUE.equals(session.getAttribute(LOGIN_MARKER));
    }
}
