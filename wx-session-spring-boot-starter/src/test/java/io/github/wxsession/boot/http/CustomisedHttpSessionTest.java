package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.session.WxSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Login turned off, another header, no URL ids, and an application's own 401 code and message. */
@SpringBootTest(classes = HttpSessionTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxApp", "wx.secret=app-secret", "wx.token=app-token",
                "wx.http-session.enabled=true", "wx.http-session.login.enabled=false",
                "wx.http-session.header.name=X-Token",
                "wx.http-session.unauthorized-code=4010", "wx.http-session.unauthorized-message=please log in"})
class CustomisedHttpSessionTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxHttpSessionRepository sessions;

    /** The application's own login, the endpoint being off. */
    String loggedIn(String openId) {
        WxSession session = sessions.create();
        session.setAttribute(WxHttpSessions.OPEN_ID, openId);
        return session.getId();
    }

    @Test
    void withLoginTurnedOffTheLoginAndLogoutEndpointsAreNotServed() throws Exception {
        ApiClient client = new ApiClient(port);

        assertThat(client.postJson("/wx/login", "{\"code\":\"c\"}").statusCode()).isEqualTo(404);
        assertThat(client.post("/wx/logout").statusCode()).isEqualTo(404);
    }

    @Test
    void theConfiguredHeaderCarriesTheSession() throws Exception {
        String id = loggedIn("oCustom");

        HttpResponse<String> response = new ApiClient(port).get("/api/me", "X-Token", id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("openid").asText()).isEqualTo("oCustom");
    }

    @Test
    void turnedOffSourcesAreNotLookedAt() throws Exception {
        String id = loggedIn("oIgnored");
        ApiClient client = new ApiClient(port);

        assertThat(client.get("/api/me", "X-WX-SESSION", id).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/me;wxsessionid=" + id).statusCode()).as("ids in URLs are off by default")
                .isEqualTo(401);
        assertThat(client.get("/api/me", "Cookie", "WXSESSIONID=" + id).statusCode()).as("cookies are off by default")
                .isEqualTo(401);
    }

    @Test
    void theApplicationsOwnCodeAndMessageAnswerAnInvalidSession() throws Exception {
        HttpResponse<String> response = new ApiClient(port).get("/api/me");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = ApiClient.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(4010);
        assertThat(body.get("message").asText()).isEqualTo("please log in");
    }
}
