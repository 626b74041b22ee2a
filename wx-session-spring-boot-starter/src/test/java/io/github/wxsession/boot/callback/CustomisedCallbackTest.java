package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.WeChatCallbackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The endpoint moved by wx.callback.path, and an application that keeps Jackson's XML converter. */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxCustom", "wx.secret=secret", "wx.token=custom-token",
                "wx.callback.path=/hooks/wechat", "wx.callback.remove-xml-converter=false"})
class CustomisedCallbackTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void theEndpointIsServedAtTheConfiguredPathOnly() throws Exception {
        HttpResponse<String> moved = new WeChatCallbackClient(port, "/hooks/wechat", "custom-token")
                .postPlain(WeChatCallbackClient.text("oMoved", "hello"));
        HttpResponse<String> old = new WeChatCallbackClient(port, "/wx/callback", "custom-token")
                .postPlain(WeChatCallbackClient.text("oMoved", "hello"));

        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).contains("<Content><![CDATA[hello]]></Content>");
        assertThat(old.statusCode()).isEqualTo(404);
    }

    @Test
    void anApplicationThatKeepsTheXmlConverterCanStillServeXml() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/greeting")).header("Accept", "application/xml").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("xml"));
    }
}
