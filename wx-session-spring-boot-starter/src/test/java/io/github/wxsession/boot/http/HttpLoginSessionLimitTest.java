package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A login when the store is full: a 503 the client can retry, and the session it had stays usable. */
@TestPropertySource(properties = "wx.session.max-active=2")
class HttpLoginSessionLimitTest extends HttpSessionTestSupport {

    @Test
    void aLoginBeyondTheSessionLimitIsServiceUnavailableAndKeepsTheClientsSession() throws Exception {
        String first = client().login("code-oFirst");
        client().login("code-oSecond");
        assertThat(store.getActiveSessionCount()).isEqualTo(2);

        HttpResponse<String> full = client().postJson("/wx/login", "{\"code\":\"code-oThird\"}",
                "X-WX-SESSION", first);

        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).contains("60");
        JsonNode body = ApiClient.json(full);
        assertThat(body.get("code").asInt()).isEqualTo(WxLoginController.TOO_MANY_SESSIONS);
        assertThat(store.getActiveSessionCount()).isEqualTo(2);
        assertThat(store.getSession(first, false)).as("the client's session survives the failed login").isNotNull();
    }
}
