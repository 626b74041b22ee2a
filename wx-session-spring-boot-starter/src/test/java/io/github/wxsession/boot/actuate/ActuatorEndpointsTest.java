package io.github.wxsession.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The health and info endpoints over HTTP, after real API calls against a fake WeChat API. */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxActuator", "wx.secret=" + ActuatorEndpointsTest.SECRET, "wx.token=callback-token",
                "wx.aes-key=" + ActuatorEndpointsTest.AES_KEY,
                "management.endpoints.web.exposure.include=health,info",
                "management.endpoint.health.show-details=always"})
class ActuatorEndpointsTest {

    static final String SECRET = "secret-never-shown";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String TOKEN = "ACCESS-TOKEN-never-shown";
    static final String SEND = "cgi-bin/message/custom/send";
    static final FakeWeChatServer API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxService service;

    ActuatorClient actuator;

    static FakeWeChatServer startApi() {
        try {
            return FakeWeChatServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add("wx.api.base-url", () -> API.baseUri().toString());
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    @BeforeEach
    void connect() {
        actuator = new ActuatorClient(port);
    }

    @Test
    void aQuotaErrorOfARealCallShowsInTheAccountsHealthWhichStaysUp() {
        API.on("cgi-bin/token", FakeWeChatServer.token(TOKEN, 7200));
        API.on(SEND, FakeWeChatServer.error(45009, "reach max api daily quota limit"));
        assertThatThrownBy(() -> service.sendCustomMessage(WxCustomMessage.text("oUser", "hello")))
                .isInstanceOf(WxErrorException.class);

        ActuatorClient.Answer health = actuator.get("health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.at("components", "wx", "status")).isEqualTo("UP");
        assertThat(health.at("components", "wx", "components", "default", "status")).isEqualTo("UP");
        Object details = health.at("components", "wx", "components", "default", "details");
        assertThat(details).asInstanceOf(MAP)
                .containsEntry("appId", "wxActuator")
                .containsEntry("type", "mp")
                .containsEntry("sessionStore", Map.of("type", "memory", "reachable", true))
                .containsKeys("accessTokenExpiresAt", "lastApiSuccessAt");
        assertThat(Instant.parse((String) health.at("components", "wx", "components", "default", "details",
                "accessTokenExpiresAt"))).isAfter(Instant.now());
        Object lastError = health.at("components", "wx", "components", "default", "details", "lastApiError");
        assertThat(lastError).asInstanceOf(MAP)
                .containsEntry("errmsg", "reach max api daily quota limit")
                .containsEntry("path", SEND)
                .hasEntrySatisfying("errcode", errcode -> assertThat(((Number) errcode).intValue()).isEqualTo(45009))
                .containsKey("at");
        assertThat(health.body()).doesNotContain(TOKEN, SECRET, AES_KEY, "callback-token");
    }

    @Test
    void infoShowsTheStoreTypeTheCallbackPathAndTheAccounts() {
        ActuatorClient.Answer info = actuator.get("info");

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.at("wx")).isEqualTo(Map.of("storeType", "memory", "callbackPath", "/wx/callback",
                "accounts", List.of(Map.of("name", "default", "appId", "wxActuator", "type", "mp"))));
        assertThat(info.body()).doesNotContain(SECRET, AES_KEY, "callback-token");
    }
}
