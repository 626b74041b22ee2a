package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The part of the WeChat API a bot needs, served under {@code <wx.emulator.path>/api/}: access
 * tokens for the configured accounts' app id and secret, customer-service (WeCom: app) messages
 * into the emulated users' inboxes, the mini-program login and a jsapi ticket. It answers as
 * WeChat does, errcodes included, so the application's real API client is what gets exercised.
 *
 * <p>Mini-program login: {@code sns/jscode2session} accepts the code {@code emu-<openid>} and
 * answers that openid, with a fresh random {@code session_key}; unlike WeChat's, a code may be
 * used more than once.
 */
@Controller
final class FakeWeChatApi {

    /** The codes {@code sns/jscode2session} accepts start with this; the rest is the openid. */
    static final String LOGIN_CODE_PREFIX = "emu-";

    private final WxAccounts accounts;
    private final Inboxes inboxes;
    private final Clock clock;
    private final String apiPath;
    private final IssuedTokens accessTokens;
    private final IssuedTokens tickets;
    private final SecureRandom random = new SecureRandom();

    /** @param emulatorPath {@code wx.emulator.path} */
    FakeWeChatApi(WxAccounts accounts, Inboxes inboxes, Clock clock, String emulatorPath) {
        this.accounts = accounts;
        this.inboxes = inboxes;
        this.clock = clock;
        this.apiPath = emulatorPath + "/api/";
        this.accessTokens = new IssuedTokens("emu-token-", clock);
        this.tickets = new IssuedTokens("emu-ticket-", clock);
    }

    @RequestMapping("${wx.emulator.path:/wx-emulator}/api/**")
    void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String api = path.startsWith(apiPath) ? path.substring(apiPath.length()) : path;
        JsonNode body = "POST".equals(request.getMethod()) ? JsonBodies.read(request,
                EmulatorController.MAX_BODY_BYTES) : MissingNode.getInstance();
        Map<String, Object> answer = switch (api) {
            case "cgi-bin/token" -> token(request);
            case "cgi-bin/stable_token" -> stableToken(body);
            case "cgi-bin/gettoken" -> weComToken(request);
            case "cgi-bin/message/custom/send" -> send(request, body, WxApiType.MP);
            case "cgi-bin/message/send" -> send(request, body, WxApiType.CP);
            case "sns/jscode2session" -> code2Session(request);
            case "cgi-bin/ticket/getticket", "cgi-bin/get_jsapi_ticket" -> ticket(request);
            default -> null;
        };
        if (answer == null) {
            JsonBodies.write(response, 404, error(-1, "the wx-session emulator does not implement " + api));
        } else {
            JsonBodies.write(response, 200, answer);
        }
    }

    /** {@code GET cgi-bin/token?grant_type=client_credential&appid=…&secret=…}: always a new token. */
    private Map<String, Object> token(HttpServletRequest request) {
        if (!"client_credential".equals(request.getParameter("grant_type"))) {
            return error(40002, "invalid grant_type");
        }
        Refusal refusal = checkCredentials(request.getParameter("appid"), request.getParameter("secret"), WxApiType.MP);
        return refusal != null ? error(refusal) : tokenAnswer(accessTokens.issue(request.getParameter("appid")), false);
    }

    /** {@code POST cgi-bin/stable_token}: the current token, a new one only with {@code force_refresh}. */
    private Map<String, Object> stableToken(JsonNode body) {
        String appId = JsonBodies.text(body, "appid");
        if (!"client_credential".equals(JsonBodies.text(body, "grant_type"))) {
            return error(40002, "invalid grant_type");
        }
        Refusal refusal = checkCredentials(appId, JsonBodies.text(body, "secret"), WxApiType.MP);
        if (refusal != null) {
            return error(refusal);
        }
        boolean force = body.path("force_refresh").asBoolean(false);
        return tokenAnswer(force ? accessTokens.issue(appId) : accessTokens.current(appId), false);
    }

    /** {@code GET cgi-bin/gettoken?corpid=…&corpsecret=…} (WeCom). */
    private Map<String, Object> weComToken(HttpServletRequest request) {
        String corpId = request.getParameter("corpid");
        Refusal refusal = checkCredentials(corpId, request.getParameter("corpsecret"), WxApiType.CP);
        return refusal != null ? error(refusal) : tokenAnswer(accessTokens.issue(corpId), true);
    }

    /** A customer-service message (Official Accounts) or app message (WeCom), into the recipients' inboxes. */
    private Map<String, Object> send(HttpServletRequest request, JsonNode body, WxApiType platform) {
        IssuedTokens.Issued token = accessTokens.find(request.getParameter("access_token"));
        Refusal refusal = checkToken(token, accessTokens);
        if (refusal != null) {
            return error(refusal);
        }
        WxAccount account = accounts.findByAppId(token.appId());
        if (account == null || account.apiType() != platform) {
            return error(48001, "api unauthorized: this account's type has no such API");
        }
        String toUser = JsonBodies.text(body, "touser");
        if (toUser == null) {
            return error(platform == WxApiType.CP ? 40031 : 40003, "invalid openid (touser)");
        }
        if (JsonBodies.text(body, "msgtype") == null) {
            return error(40008, "invalid message type");
        }
        BotMessage message = BotMessage.fromCustomJson(body);
        // WeCom addresses several users as "a|b".
        for (String user : platform == WxApiType.CP ? toUser.split("\\|") : new String[] {toUser}) {
            inboxes.add(account.appId(), user, message, clock.millis());
        }
        return error(0, "ok");
    }

    /** {@code GET sns/jscode2session}: the code {@code emu-<openid>} logs in as that openid. */
    private Map<String, Object> code2Session(HttpServletRequest request) {
        Refusal refusal = checkCredentials(request.getParameter("appid"), request.getParameter("secret"), WxApiType.MP);
        if (refusal != null) {
            return error(refusal);
        }
        String code = request.getParameter("js_code");
        if (code == null || !code.startsWith(LOGIN_CODE_PREFIX) || code.length() == LOGIN_CODE_PREFIX.length()) {
            return error(40029, "invalid code: the emulator accepts " + LOGIN_CODE_PREFIX + "<openid>");
        }
        byte[] sessionKey = new byte[16];
        random.nextBytes(sessionKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("openid", code.substring(LOGIN_CODE_PREFIX.length()));
        answer.put("session_key", Base64.getEncoder().encodeToString(sessionKey));
        return answer;
    }

    /** {@code GET cgi-bin/ticket/getticket?type=jsapi} (WeCom {@code cgi-bin/get_jsapi_ticket}). */
    private Map<String, Object> ticket(HttpServletRequest request) {
        IssuedTokens.Issued token = accessTokens.find(request.getParameter("access_token"));
        Refusal refusal = checkToken(token, accessTokens);
        if (refusal != null) {
            return error(refusal);
        }
        IssuedTokens.Issued ticket = tickets.current(token.appId());
        Map<String, Object> answer = error(0, "ok");
        answer.put("ticket", ticket.token());
        answer.put("expires_in", tickets.secondsLeft(ticket));
        return answer;
    }

    /** {@code null} if an account of {@code platform} has this id and secret, else WeChat's refusal. */
    private @Nullable Refusal checkCredentials(@Nullable String appId, @Nullable String secret, WxApiType platform) {
        WxAccount account = appId == null ? null : accounts.findByAppId(appId);
        if (account == null || account.apiType() != platform) {
            return new Refusal(40013, platform == WxApiType.CP ? "invalid corpid" : "invalid appid");
        }
        if (!account.settings().secret().equals(secret)) {
            // WeCom calls a wrong corpsecret an invalid credential.
            return platform == WxApiType.CP ? new Refusal(40001, "invalid credential: corpsecret does not match")
                    : new Refusal(40125, "invalid appsecret");
        }
        return null;
    }

    private static @Nullable Refusal checkToken(IssuedTokens.@Nullable Issued token, IssuedTokens issuer) {
        if (token == null) {
            return new Refusal(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!issuer.isValid(token)) {
            return new Refusal(42001, "access_token expired");
        }
        return null;
    }

    private Map<String, Object> tokenAnswer(IssuedTokens.Issued token, boolean withErrcode) {
        Map<String, Object> answer = withErrcode ? error(0, "ok") : new LinkedHashMap<>();
        answer.put("access_token", token.token());
        answer.put("expires_in", accessTokens.secondsLeft(token));
        return answer;
    }

    private static Map<String, Object> error(Refusal refusal) {
        return error(refusal.errcode(), refusal.errmsg());
    }

    private static Map<String, Object> error(int errcode, String errmsg) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errcode", errcode);
        answer.put("errmsg", errmsg);
        return answer;
    }

    /** WeChat's way of saying no. */
    private record Refusal(int errcode, String errmsg) {
    }
}
