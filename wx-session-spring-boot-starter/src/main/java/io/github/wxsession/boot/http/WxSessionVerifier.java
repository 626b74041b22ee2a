package io.github.wxsession.boot.http;

import io.github.wxsession.session.WxSession;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The application's own check of a request's session, after the starter found it live and created
 * by login; for example that the user's account is not suspended. Every verifier bean must accept
 * the session; a refusal is answered like an invalid session (HTTP 401,
 * {@code wx.http-session.unauthorized-code}). Runs once per request that carries a session id.
 */
@FunctionalInterface
public interface WxSessionVerifier {

    /** Whether {@code session} may serve {@code request}. */
    boolean verify(WxSession session, HttpServletRequest request);
}
