package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The three ways of carrying the id and the check on protected paths, over real HTTP. */
class HttpSessionCheckTest extends HttpSessionTestSupport {

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
        String timestamp = WeChatCallbackClient.now();
        String nonce = "42";
        String query = "?signature=" + WxSignatures.sortedSha1("mini-token", timestamp, nonce) + "&timestamp="
                + timestamp + "&nonce=" + nonce;
        String message = "<xml><ToUserName><![CDATA[gh_mini]]></ToUserName><FromUserName><![CDATA[oBotUser]]>"
                + "</FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hi]]></Content><MsgId>880001</MsgId></xml>";

        HttpResponse<String> reply = client().postJson("/wx/callback" + query, message, "X-WX-SESSION", "forged");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("session oBotUser");
        WxSession chat = store.getSession("oBotUser", false);
        assertThat(chat).as("the bot's session, same store").isNotNull();
        long lastAccess = chat.getLastAccessedTime();
        Thread.sleep(5);

        assertUnauthorized(client().get("/api/me", "X-WX-SESSION", "oBotUser"));
        assertUnauthorized(client().get("/api/me", "X-WX-SESSION", WxHttpSessionRepository.ID_PREFIX + "oBotUser"));
        if (!(store instanceof RedisWxSessionStore)) {
            // In memory the session is one live object: a lookup would have moved its last access.
            assertThat(chat.getLastAccessedTime()).as("the chat session was not touched").isEqualTo(lastAccess);
        }
    }
}
