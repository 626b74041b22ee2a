package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP-API sessions on wx.session.store-type=redis, over a real redis-server. */
@SpringBootTest(classes = RedisHttpSessionTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxMiniRedis", "wx.secret=s", "wx.token=t", "wx.session.store-type=redis",
                "spring.data.redis.timeout=500ms", "wx.http-session.enabled=true"})
class RedisHttpSessionTest {

    static final RedisServerProcess REDIS = start();
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxSessionStore store;

    @Autowired
    WxHttpSessionScopes scopes;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Visits.class)
    static class App {
    }

    @RestController
    @RequestMapping("/api")
    static class Visits {

        @PostMapping("/visit")
        Map<String, Object> visit(WxSession session) {
            Integer visits = (Integer) session.getAttribute("visits");
            session.setAttribute("visits", visits == null ? 1 : visits + 1);
            return Map.of("visits", session.getAttribute("visits"));
        }

        @GetMapping("/me")
        Map<String, Object> me(WxSession session) {
            return Map.of("openid", session.getAttribute(WxHttpSessions.OPEN_ID));
        }
    }

    static RedisServerProcess start() {
        try {
            return RedisServerProcess.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("sns/jscode2session", FakeWeChatServer.json("{\"openid\":\"oRedisUser\",\"session_key\":\"k\"}"));
            return api;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("wx.api.base-url", () -> WECHAT_API.baseUri().toString());
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        WECHAT_API.close();
    }

    @Test
    void aLoggedInClientsChangesAreSavedToRedisRequestByRequest() throws Exception {
        assertThat(store).isInstanceOf(RedisWxSessionStore.class);
        ApiClient client = new ApiClient(port);
        HttpResponse<String> login = client.postJson("/wx/login", "{\"code\":\"any\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String id = ApiClient.json(login).get("sessionId").asText();

        assertThat(ApiClient.json(client.get("/api/me", "X-WX-SESSION", id)).get("openid").asText())
                .isEqualTo("oRedisUser");
        assertThat(ApiClient.json(client.post("/api/visit", "X-WX-SESSION", id)).get("visits").asInt()).isEqualTo(1);
        assertThat(ApiClient.json(client.post("/api/visit", "X-WX-SESSION", id)).get("visits").asInt()).isEqualTo(2);

        // Requests ran in the Redis store's request scope (one load, one save), not write-through.
        WxHttpSessionScope scope = scopes.open(store, id);
        assertThat(scope).isNotSameAs(WxHttpSessionScope.NONE);
        scope.discard();

        WxSession stored = store.getSession(id, false);
        assertThat(stored.getAttribute("visits")).isEqualTo(2);
        assertThat(stored.getAttribute(WxHttpSessions.OPEN_ID)).isEqualTo("oRedisUser");
    }

    @Test
    void loggedOutAndForgedIdsAreRefused() throws Exception {
        ApiClient client = new ApiClient(port);
        String id = ApiClient.json(client.postJson("/wx/login", "{\"code\":\"any\"}")).get("sessionId").asText();

        assertThat(client.post("/wx/logout", "X-WX-SESSION", id).statusCode()).isEqualTo(204);

        HttpResponse<String> afterLogout = client.get("/api/me", "X-WX-SESSION", id);
        assertThat(afterLogout.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(afterLogout).get("code").asInt()).isEqualTo(-100);
        assertThat(client.get("/api/me", "X-WX-SESSION", "forgedForgedForgedForged").statusCode()).isEqualTo(401);
        assertThat(store.getSession(id, false)).isNull();
    }
}
