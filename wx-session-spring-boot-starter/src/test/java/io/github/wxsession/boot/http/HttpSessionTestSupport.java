package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.session.WxSessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the HTTP session tests share: one application (so one context for all of them), a fake
 * WeChat API whose code {@code code-<openid>} logs in as that openid ({@code code-oUnion} brings a
 * unionid, {@code used} and {@code limited} fail), and helpers.
 */
@SpringBootTest(classes = {HttpSessionTestApplication.class, HttpSessionTestSupport.Registry.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxMini", "wx.secret=mini-secret", "wx.token=mini-token", "wx.api.max-retries=0",
                "wx.http-session.enabled=true", "wx.http-session.cookie.enabled=true",
                "wx.http-session.url.enabled=true",
                "wx.http-session.public-paths=/api/health"})
abstract class HttpSessionTestSupport {

    static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    static final String JSCODE2SESSION = "sns/jscode2session";
    // Lives as long as the cached context the test classes share; its threads are daemons.
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxSessionStore store;

    @Autowired
    MeterRegistry meters;

    /** Only in the in-memory runs: the Redis runs use the store's own request scopes. */
    @Autowired(required = false)
    RecordingScopes scopes;

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

    static void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = ApiClient.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(-100);
        assertThat(body.get("message").asText()).isEqualTo("session invalid or expired, log in again");
    }

    double loginCount(String outcome) {
        Counter counter = meters.find("wx.http.logins").tags("account", "default", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double unauthorizedCount(String reason) {
        Counter counter = meters.find("wx.http.unauthorized").tags("account", "default", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static <T> List<T> list(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
