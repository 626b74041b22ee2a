package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.session.WxSession;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login by code, logout and fixation over real HTTP, against the fake WeChat API. */
class HttpLoginTest extends HttpSessionTestSupport {

    @Test
    void loginAnswersAFreshRandomIdAndTheIdleTimeoutAndNeverTheSessionKey() throws Exception {
        HttpResponse<String> response = client().postJson("/wx/login", "{\"code\":\"code-oAlice\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = ApiClient.json(response);
        assertThat(list(body.fieldNames())).containsExactly("sessionId", "expiresIn");
        assertThat(body.get("expiresIn").asInt()).isEqualTo(1800);
        String id = body.get("sessionId").asText();
        assertThat(id).hasSize(25).startsWith(WxHttpSessionRepository.ID_PREFIX).isNotEqualTo("oAlice");
        assertThat(response.body()).doesNotContain(SESSION_KEY);
        assertThat(WECHAT_API.lastCall(JSCODE2SESSION).query()).containsEntry("js_code", "code-oAlice")
                .containsEntry("appid", "wxMini");

        WxSession session = store.getSession(id, false);
        assertThat(session.getAttribute(WxHttpSessions.OPEN_ID)).isEqualTo("oAlice");
        assertThat(session.getAttribute(WxHttpSessions.UNION_ID)).isNull();
        assertThat(session.getAttribute("role")).as("added by the login handler").isEqualTo("member");
        List<String> names = Collections.list(session.getAttributeNames());
        assertThat(names).containsExactlyInAnyOrder(WxHttpSessions.OPEN_ID, WxHttpSessions.LOGIN_MARKER, "role");
        assertThat(names).allSatisfy(name -> assertThat(session.getAttribute(name)).isNotEqualTo(SESSION_KEY));
    }

    @Test
    void loginTakesTheCodeAsAFormParameterAndKeepsTheUnionId() throws Exception {
        HttpResponse<String> response = client().postForm("/wx/login", "code=code-oUnion");

        assertThat(response.statusCode()).isEqualTo(200);
        WxSession session = store.getSession(ApiClient.json(response).get("sessionId").asText(), false);
        assertThat(session.getAttribute(WxHttpSessions.OPEN_ID)).isEqualTo("oUnion");
        assertThat(session.getAttribute(WxHttpSessions.UNION_ID)).isEqualTo("uUnion");
    }

    @Test
    void loginWithoutACodeIsABadRequestWithWeChatsMissingCodeErrcode() throws Exception {
        HttpResponse<String> response = client().postJson("/wx/login", "{\"js\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(response).get("code").asInt()).isEqualTo(41008);
    }

    @Test
    void aCodeWeChatRejectsIsABadRequestWithItsErrcodeAndCreatesNoSession() throws Exception {
        int before = store.getActiveSessionCount();

        HttpResponse<String> response = client().postJson("/wx/login", "{\"code\":\"used\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = ApiClient.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(40029);
        assertThat(body.get("message").asText()).contains("wx.login()");
        assertThat(store.getActiveSessionCount()).isEqualTo(before);
    }

    @Test
    void anyOtherWeChatFailureIsABadGatewayWithItsErrcode() throws Exception {
        HttpResponse<String> response = client().postJson("/wx/login", "{\"code\":\"limited\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(ApiClient.json(response).get("code").asInt()).isEqualTo(45011);
    }

    @Test
    void aLoginHandlerRefusalIsForbiddenWithTheConfiguredCodeAndItsMessage() throws Exception {
        double refusedBefore = loginCount("refused");

        HttpResponse<String> response = client().postJson("/wx/login", "{\"code\":\"code-oRefused\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode body = ApiClient.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(-101);
        assertThat(body.get("message").asText()).isEqualTo("this account is closed");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(loginCount("refused")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void loggingInWithASessionIdIssuesANewIdAndEndsTheOldOne() throws Exception {
        ApiClient client = client();
        String first = client.login("code-oFixed");

        HttpResponse<String> again = client.postJson("/wx/login", "{\"code\":\"code-oFixed\"}", "X-WX-SESSION", first);
        String second = ApiClient.json(again).get("sessionId").asText();

        assertThat(second).isNotEqualTo(first);
        assertUnauthorized(client.get("/api/me", "X-WX-SESSION", first));
        assertThat(client.get("/api/me", "X-WX-SESSION", second).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutInvalidatesTheSessionAndClearsTheCookie() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oLeaving");

        HttpResponse<String> logout = client.post("/wx/logout", "X-WX-SESSION", id);

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).startsWith("WXSESSIONID=;").contains("Max-Age=0"));
        assertThat(store.getSession(id, false)).isNull();
        assertUnauthorized(client.get("/api/me", "X-WX-SESSION", id));
    }

    @Test
    void theLoginEndpointAnswersPostOnly() throws Exception {
        assertThat(client().get("/wx/login?code=code-oGet").statusCode()).isEqualTo(405);
    }
}
