package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.api.WxService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample's health and info over HTTP on the management port, as a load balancer or a monitor
 * reads them, after the sample fetched its token from the emulator's fake WeChat API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ActuatorSampleTest {

    static final int PORT = FreePort.find();
    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.management.port}")
    int managementPort;

    @Value("${wx.secret}")
    String secret;

    @Value("${wx.aes-key}")
    String aesKey;

    @Autowired
    WxService wxService;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthShowsTheAccountUpWithItsTokensExpiryButNeverTheToken() throws Exception {
        String token = wxService.getAccessToken();

        HttpResponse<String> response = get(managementPort, "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode wx = JSON.readTree(response.body()).at("/components/wx");
        assertThat(wx.at("/status").asText()).isEqualTo("UP");
        JsonNode account = wx.at("/components/default");
        assertThat(account.at("/status").asText()).isEqualTo("UP");
        assertThat(account.at("/details/appId").asText()).isEqualTo("wx-sample-app");
        assertThat(account.at("/details/sessionStore/type").asText()).isEqualTo("memory");
        assertThat(account.at("/details/sessionStore/reachable").asBoolean()).isTrue();
        assertThat(Instant.parse(account.at("/details/accessTokenExpiresAt").asText())).isAfter(Instant.now());
        assertThat(response.body()).doesNotContain(token, secret, aesKey);
    }

    @Test
    void infoShowsTheStoreTypeTheCallbackPathAndTheAccount() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode wx = JSON.readTree(response.body()).at("/wx");
        assertThat(wx.at("/storeType").asText()).isEqualTo("memory");
        assertThat(wx.at("/callbackPath").asText()).isEqualTo("/wx/callback");
        assertThat(wx.at("/accounts/0/appId").asText()).isEqualTo("wx-sample-app");
        assertThat(wx.at("/accounts/0/type").asText()).isEqualTo("mp");
        assertThat(response.body()).doesNotContain(secret, aesKey);
    }

    @Test
    void theCallbackPortServesNoManagementEndpoint() throws Exception {
        assertThat(get(PORT, "/actuator/health").statusCode()).isEqualTo(404);
    }
}
