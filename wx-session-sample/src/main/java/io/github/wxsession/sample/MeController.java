package io.github.wxsession.sample;

import io.github.wxsession.boot.http.WxHttpSessions;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mini-program side: after {@code POST /wx/login}, {@code GET /api/me} with the session id
 * in {@code X-WX-SESSION} shows who is logged in and how their current game in the chat is going.
 * Only with mini-program login, i.e. for an Official Account / mini program.
 */
@RestController
@ConditionalOnProperty(name = "wx.http-session.enabled", havingValue = "true")
public class MeController {

    private final WxSessionManager sessions;

    public MeController(WxSessionManager sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/me")
    public Map<String, Object> me(WxSession session) {
        String openId = (String) session.getAttribute(WxHttpSessions.OPEN_ID);
        // The chat's session is keyed by the openid; the HTTP session by a random id.
        WxSession chat = sessions.getSession(openId, false);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("openid", openId);
        me.put("tries", chat == null ? null : chat.getAttribute(NumberGame.TRIES));
        return me;
    }
}
