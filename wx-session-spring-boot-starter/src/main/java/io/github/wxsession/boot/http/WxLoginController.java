package io.github.wxsession.boot.http;

import io.github.wxsession.api.WxCode2SessionResult;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.web.JsonBodies;
import io.github.wxsession.session.TooManyActiveSessionsException;
import io.github.wxsession.session.WxSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Login and logout of HTTP clients.
 *
 * <p>{@code POST <wx.http-session.login.path>} takes the {@code code} from {@code wx.login()} as a
 * query or form parameter, or as a JSON body {@code {"code": "..."}}; exchanges it with
 * {@code code2Session}; creates a session under a fresh random id holding the openid (and
 * unionid); lets the {@link WxLoginHandler}s add to it or refuse; invalidates the session the
 * request presented, if any (so a login never keeps an id someone could have planted); and answers
 * {@code {"sessionId": "...", "expiresIn": <idle seconds, 0 or less: never>}}. The {@code session_key} goes nowhere.
 *
 * <p>Failures answer {@code {"code": ..., "message": ...}}: 400 with WeChat's errcode 41008 for a
 * missing code and 40029 / 40163 for an invalid or used one, 502 with WeChat's errcode when
 * WeChat failed otherwise, 403 with {@code wx.http-session.login.refused-code} when a handler refused.
 *
 * <p>{@code POST <wx.http-session.login.logout-path>} invalidates the presented session and answers 204.
 */
@Controller
public class WxLoginController {

    private static final Log LOG = LogFactory.getLog(WxLoginController.class);

    /** WeChat's own errcodes, reused so a client handles a login failure by one code whatever its source. */
    static final int MISSING_CODE = 41008;
    /** A login body is {@code {"code": "..."}}; anything much larger is not one. */
    private static final int MAX_LOGIN_BODY_BYTES = 4096;
    static final int INVALID_CODE = 40029;
    static final int USED_CODE = 40163;
    /** The {@code code} of the 503 answer when the store already holds {@code wx.session.max-active} sessions. */
    static final int TOO_MANY_SESSIONS = -102;

    private final WxHttpSessionRepository sessions;
    private final WxSessionIdResolver ids;
    private final List<WxLoginHandler> handlers;
    private final WxMetrics metrics;
    private final int refusedCode;
    private final String refusedMessage;

    public WxLoginController(WxHttpSessionRepository sessions, WxSessionIdResolver ids,
            int refusedCode, String refusedMessage, List<WxLoginHandler> handlers, WxMetrics metrics) {
        this.sessions = sessions;
        this.ids = ids;
        this.handlers = List.copyOf(handlers);
        this.metrics = metrics;
        this.refusedCode = refusedCode;
        this.refusedMessage = refusedMessage;
    }

    @PostMapping("${wx.http-session.login.path:/wx/login}")
    public void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A login answer is a credential: no cache may keep it, whatever the outcome.
        response.setHeader("Cache-Control", "no-store");
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            code = jsonCode(request);
        }
        if (code == null || code.isBlank()) {
            fail(response, 400, MISSING_CODE, "missing code: send the code wx.login() returned, as {\"code\": \"...\"}"
                    + " or code=...");
            return;
        }
        WxCode2SessionResult user;
        try {
            user = sessions.account().service().code2Session(code);
        } catch (WxErrorException e) {
            codeRejected(response, e);
            return;
        }
        String previous = ids.resolve(request);
        String id = sessions.newId();
        WxHttpSessionScope scope = sessions.openScope(id);
        WxSession session = null;
        int expiresIn;
        try {
            session = sessions.create(id);
            session.setAttribute(WxHttpSessions.OPEN_ID, user.openId());
            session.setAttribute(WxHttpSessions.UNION_ID, user.unionId());
            for (WxLoginHandler handler : handlers) {
                handler.onLogin(user, session, request);
            }
            expiresIn = session.getMaxInactiveInterval();
        } catch (WxLoginRefusedException e) {
            abandon(session, scope);
            LOG.debug("login of " + user.openId() + " refused: " + e.getMessage());
            // Counted before the answer: with its length known, it leaves as soon as it is written.
            metrics.httpLogin(sessions.account().name(), "refused");
            fail(response, 403, refusedCode, e.getMessage() != null ? e.getMessage() : refusedMessage);
            return;
        } catch (TooManyActiveSessionsException e) {
            abandon(session, scope);
            LOG.warn("login of " + user.openId() + " answered 503: " + e.getMessage());
            metrics.httpLogin(sessions.account().name(), "failed");
            response.setHeader("Retry-After", "60");
            fail(response, 503, TOO_MANY_SESSIONS, "too many active sessions, try again later");
            return;
        } catch (RuntimeException | Error e) {
            abandon(session, scope);
            throw e;
        }
        scope.close();
        // Only now: a failed login leaves the session the client had usable.
        invalidate(sessions.find(previous));
        metrics.httpLogin(sessions.account().name(), "success");
        ids.issue(request, response, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", id);
        body.put("expiresIn", expiresIn);
        JsonBodies.write(response, 200, JsonBodies.bytes(body));
    }

    @PostMapping("${wx.http-session.login.logout-path:/wx/logout}")
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        invalidate(sessions.find(ids.resolve(request)));
        ids.clear(request, response);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void codeRejected(HttpServletResponse response, WxErrorException e) throws IOException {
        metrics.httpLogin(sessions.account().name(), "failed");
        int errcode = e.getError().errorCode();
        if (errcode == INVALID_CODE || errcode == USED_CODE) {
            LOG.debug("login code refused by WeChat: " + e.getMessage());
            fail(response, 400, errcode, "invalid or used code: call wx.login() for a fresh one");
        } else {
            // WeChat's own errcodes say all there is; a stack trace only helps for local failures (I/O).
            LOG.warn("code2Session failed, login answered 502: " + e.getMessage(), e.getCause());
            fail(response, 502, errcode, "WeChat could not check the code, try again later");
        }
    }

    /** The {@code code} of a JSON body {@code {"code": "..."}}, or {@code null}. */
    private static @Nullable String jsonCode(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return JsonBodies.text(JsonBodies.read(request, MAX_LOGIN_BODY_BYTES), "code");
    }

    private static void fail(HttpServletResponse response, int status, int code, String message) throws IOException {
        JsonBodies.write(response, status, JsonBodies.error(code, message));
    }

    private static void abandon(WxSession session, WxHttpSessionScope scope) {
        try {
            invalidate(session);
        } finally {
            scope.discard();
        }
    }

    private static void invalidate(WxSession session) {
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // Invalidated or expired meanwhile: the goal is met.
            }
        }
    }
}
