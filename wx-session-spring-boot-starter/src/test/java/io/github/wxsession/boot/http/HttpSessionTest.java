package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Login, the three ways of carrying the id, and the check on protected paths, over real HTTP. */
@SpringBootTest(classes = {HttpSessionTestApplication.class, HttpSessionTest.Registry.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxMini", "wx.secret=mini-secret", "wx.token=mini-token", "wx.api.max-retries=0",
                "wx.http-session.enabled=true", "wx.http-session.cookie.enabled=true",
                "wx.http-session.public-paths=/api/health"})
class HttpSessionTest {

    static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    static final String JSCODE2SESSION = "sns/jscode2session";
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxSessionStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordingScopes scopes;

    /** Code {@code code-<openid>} logs in as that openid; {@code code-oUnion} brings a unionid too. */
    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on(JSCODE2SESSION, (exchange, call) -> {
                String code = call.query().get("js_code");
                FakeWeChatServer.Answer answer = switch (code) {
                    case "used" -> FakeWeChatServer.error(40029, "invalid code, rid: 1");
                    case "limited" -> FakeWeChatServer.error(45011, "api minute-quota reach limit");
                    case "code-oUnion" -> FakeWeChatServer.json("{\"openid\":\"oUnion\",\"unionid\":\"uUnion\","
                            + "\"session_key\":\"" + SESSION_KEY + "\"}");
                    default -> FakeWeChatServer.json("{\"openid\":\"" + code.substring("code-".length())
                            + "\",\"session_key\":\"" + SESSION_KEY + "\"}");
                };
                answer.respond(exchange, call);
            });
            return api;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add("wx.api.base-url", () -> WECHAT_API.baseUri().toString());
    }

    @AfterAll
    static void stopApi() {
        WECHAT_API.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    ApiClient client() {
        return new ApiClient(port);
    }

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
        assertThat(id).hasSize(24).isNotEqualTo("oAlice");
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
    void theHeaderCarriesTheSessionAndTheControllerGetsTheRequestsOwnSession() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oBob");

        HttpResponse<String> response = client.get("/api/me", "X-WX-SESSION", id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = ApiClient.json(response);
        assertThat(me.get("openid").asText()).isEqualTo("oBob");
        assertThat(me.get("role").asText()).isEqualTo("member");
        assertThat(me.get("sameAsRequest").asBoolean()).isTrue();
    }

    @Test
    void loginSetsASecureHttpOnlyLaxCookieThatCarriesTheSession() throws Exception {
        ApiClient client = client();
        HttpResponse<String> login = client.postJson("/wx/login", "{\"code\":\"code-oCookie\"}");
        String id = ApiClient.json(login).get("sessionId").asText();

        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("WXSESSIONID=" + id + ";").contains("HttpOnly", "Secure", "SameSite=Lax",
                "Path=/").doesNotContain("Max-Age");
        HttpResponse<String> response = client.get("/api/me", "Cookie", "WXSESSIONID=" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("openid").asText()).isEqualTo("oCookie");
    }

    @Test
    void aUrlPathParameterCarriesTheSessionForClientsWithoutHeadersOrCookies() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oUrl");

        HttpResponse<String> response = client.get("/api/me;wxsessionid=" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("openid").asText()).isEqualTo("oUrl");
    }

    @Test
    void theHeaderIsLookedAtBeforeTheCookieEvenWhenItIsStale() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oOrder");

        HttpResponse<String> response = client.get("/api/me", "X-WX-SESSION", "stale-id",
                "Cookie", "WXSESSIONID=" + id);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aProtectedPathWithoutASessionIdIsUnauthorizedWithCodeMinus100() throws Exception {
        double missingBefore = unauthorizedCount("missing");

        HttpResponse<String> response = client().get("/api/me");

        assertUnauthorized(response);
        assertThat(unauthorizedCount("missing")).isEqualTo(missingBefore + 1);
    }

    @Test
    void forgedAndMalformedIdsAreUnauthorized() throws Exception {
        assertUnauthorized(client().get("/api/me", "X-WX-SESSION", "AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertUnauthorized(client().get("/api/me", "X-WX-SESSION", "x".repeat(300)));
        assertUnauthorized(client().get("/api/me;wxsessionid="));
    }

    @Test
    void aSessionIdleForItsWholeTimeoutIsUnauthorized() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oIdle");

        HttpSessionTestApplication.CLOCK.advance(Duration.ofMinutes(29));
        assertThat(client.get("/api/me", "X-WX-SESSION", id).statusCode()).as("touched: 30 more minutes").isEqualTo(200);
        HttpSessionTestApplication.CLOCK.advance(Duration.ofMinutes(30));

        assertUnauthorized(client.get("/api/me", "X-WX-SESSION", id));
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
    void aVerifierRefusalIsAnsweredLikeAnInvalidSession() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oSuspended");
        double refusedBefore = unauthorizedCount("refused");

        assertThat(client.post("/api/suspend", "X-WX-SESSION", id).statusCode()).isEqualTo(200);

        assertUnauthorized(client.get("/api/me", "X-WX-SESSION", id));
        assertThat(store.getSession(id, false)).as("refused, not ended").isNotNull();
        assertThat(unauthorizedCount("refused")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void endpointsOptOutByAnnotationOnTheMethodOrTheClass() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oOptional");

        assertThat(client.get("/api/maybe").body()).isEqualTo("anonymous");
        assertThat(client.get("/api/maybe", "X-WX-SESSION", "forged").body()).isEqualTo("anonymous");
        assertThat(client.get("/api/maybe", "X-WX-SESSION", id).body()).isEqualTo("hello oOptional");
        assertThat(client.get("/api/open/news").body()).isEqualTo("news");
    }

    @Test
    void publicPathsNeedNoSessionButStillSeeAValidOne() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oPublic");

        assertThat(client.get("/api/health").body()).isEqualTo("up");
        assertThat(client.get("/api/health", "X-WX-SESSION", id).body()).isEqualTo("up for oPublic");
    }

    @Test
    void aMessageSessionsOpenIdIsNoSessionIdAndTheCallbackIgnoresSessionHeaders() throws Exception {
        String timestamp = "1714037059";
        String nonce = "42";
        String query = "?signature=" + WxSignatures.sortedSha1("mini-token", timestamp, nonce) + "&timestamp="
                + timestamp + "&nonce=" + nonce;
        String message = "<xml><ToUserName><![CDATA[gh_mini]]></ToUserName><FromUserName><![CDATA[oBotUser]]>"
                + "</FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hi]]></Content><MsgId>880001</MsgId></xml>";

        HttpResponse<String> reply = client().postJson("/wx/callback" + query, message, "X-WX-SESSION", "forged");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("session oBotUser");
        assertThat(store.getSession("oBotUser", false)).as("the bot's session, same store").isNotNull();
        assertUnauthorized(client().get("/api/me", "X-WX-SESSION", "oBotUser"));
    }

    @Test
    void eachRequestRunsInOneScopeOnItsSessionSavedWhenItSucceeds() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oScoped");
        assertThat(scopes.of(id)).as("login fills the new session in one scope").containsExactly("open", "close");

        client.get("/api/me", "X-WX-SESSION", id);
        client.get("/api/health", "X-WX-SESSION", id);

        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "close", "open", "close");
    }

    @Test
    void theSessionIsSavedBeforeTheAnswerReachesTheClient() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oEager");

        for (int i = 0; i < 20; i++) {
            client.get("/api/me", "X-WX-SESSION", id);
            assertThat(scopes.of(id)).as("request %d", i).last().isEqualTo("close");
        }
    }

    @Test
    void aScopeIsDiscardedWhenTheHandlerFailsOrTheSessionIsRefused() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oFailing");

        assertThat(client.post("/api/fail", "X-WX-SESSION", id).statusCode()).isEqualTo(500);
        client.get("/api/me", "X-WX-SESSION", "unknown-id");

        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "discard");
        assertThat(scopes.of("unknown-id")).containsExactly("open", "discard");
    }

    @Test
    void anAsyncRequestEndsItsScopeWhenTheHandlerReturnsAndIsNotCheckedAgainOnDispatch() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oAsync");

        HttpResponse<String> response = client.get("/api/later", "X-WX-SESSION", id);

        assertThat(response.body()).isEqualTo("later oAsync");
        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "close");
    }

    @Test
    void aFailingVerifierIsAServerErrorAndItsScopeIsDiscarded() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oDirectoryDown");
        store.getSession(id, false).setAttribute("verifier-fails", Boolean.TRUE);

        assertThat(client.get("/api/me", "X-WX-SESSION", id).statusCode()).isEqualTo(500);
        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "discard");
    }

    @Test
    void aRequestWithoutASessionIdOpensNoScope() throws Exception {
        int before = scopes.events.size();

        client().get("/api/health");
        client().get("/api/me");

        assertThat(scopes.events).hasSize(before);
    }

    @Test
    void theLoginEndpointAnswersPostOnly() throws Exception {
        assertThat(client().get("/wx/login?code=code-oGet").statusCode()).isEqualTo(405);
    }

    private static void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = ApiClient.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(-100);
        assertThat(body.get("message").asText()).isEqualTo("session invalid or expired, log in again");
    }

    private double loginCount(String outcome) {
        var counter = meters.find("wx.http.logins").tags("account", "default", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double unauthorizedCount(String reason) {
        var counter = meters.find("wx.http.unauthorized").tags("account", "default", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <T> List<T> list(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
