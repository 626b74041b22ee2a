package io.github.wxsession.boot.http;

import io.github.wxsession.api.WxCode2SessionResult;
import io.github.wxsession.session.WxSession;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Hears every login after WeChat accepted the code: adds the application's attributes to the new
 * session, or refuses the login. Every such bean runs, in order.
 *
 * <p>The session already holds {@link WxHttpSessions#OPEN_ID} (and {@link WxHttpSessions#UNION_ID}).
 * The {@code session_key} is in {@code result} only: the starter never stores or returns it, so a
 * handler that needs it later (to decrypt user data) stores it itself.
 */
@FunctionalInterface
public interface WxLoginHandler {

    /**
     * Called with the new session before its id is returned to the client.
     *
     * @throws WxLoginRefusedException to refuse: the session is invalidated and the client gets
     *         HTTP 403 with {@code wx.http-session.login.refused-code}
     */
    void onLogin(WxCode2SessionResult result, WxSession session, HttpServletRequest request)
            throws WxLoginRefusedException;
}
