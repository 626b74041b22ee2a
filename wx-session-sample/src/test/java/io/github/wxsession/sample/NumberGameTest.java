package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample bot over its real callback, on its own application.yml (in-memory sessions). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NumberGameTest {

    static final CountDownLatch LATER_SENT = new CountDownLatch(1);
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Value("${wx.token}")
    String token;

    @Value("${wx.aes-key}")
    String aesKey;

    @Value("${wx.app-id}")
    String appId;

    @Autowired
    WxSessionStore sessions;

    WeChatCallbackClient weChat;

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("cgi-bin/token", FakeWeChatServer.token("sample-access-token", 7200));
            api.on("cgi-bin/message/custom/send", FakeWeChatServer.after(LATER_SENT::countDown, FakeWeChatServer.ok()));
            api.on("sns/jscode2session", FakeWeChatServer.json("{\"openid\":\"oMini\",\"session_key\":\"k\"}"));
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

    @BeforeEach
    void connect() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", token);
    }


    private String reply(String user, String text) throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text(user, text));
        assertThat(response.statusCode()).isEqualTo(200);
        return WxXmlMessage.fromXml(response.body()).getContent();
    }

    @Test
    void aWholeGame() throws Exception {
        assertThat(reply("oPlayer", "  GUESS ")).isEqualTo("I picked a number between 1 and 100. Guess!");
        int number = (Integer) sessions.getSession("oPlayer", false).getAttribute("number");

        int tries = 0;
        if (number > 1) {
            assertThat(reply("oPlayer", String.valueOf(number - 1))).isEqualTo("Bigger");
            tries++;
        }
        if (number < 100) {
            assertThat(reply("oPlayer", String.valueOf(number + 1))).isEqualTo("Smaller");
            tries++;
        }
        assertThat(reply("oPlayer", " " + number + " ")).isEqualTo("Correct! " + (tries + 1) + " tries.");
        assertThat(reply("oPlayer", "50")).isEqualTo("Send guess to start.");
    }

    @Test
    void theMiniProgramSeesItsUsersGame() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wx/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"c1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String sessionId = login.body().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
        reply("oMini", "guess");
        reply("oMini", "0");

        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                .header("X-WX-SESSION", sessionId).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"openid\":\"oMini\",\"tries\":1}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("-100");
    }

    @Test
    void aNumberWithoutAGameAsksToStartOne() throws Exception {
        assertThat(reply("oNewcomer", "42")).isEqualTo("Send guess to start.");
    }

    @Test
    void playersDoNotShareGames() throws Exception {
        reply("oAlice", "guess");
        assertThat(reply("oBob", "42")).isEqualTo("Send guess to start.");
    }

    @Test
    void otherTextIsEchoed() throws Exception {
        assertThat(reply("oChatty", "hello there")).isEqualTo("hello there");
    }

    @Test
    void newFollowersAreWelcomed() throws Exception {
        String subscribe = "<xml><ToUserName><![CDATA[gh_sample]]></ToUserName><FromUserName><![CDATA[oFan]]></FromUserName>"
                + "<CreateTime>1714037060</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[subscribe]]></Event></xml>";
        assertThat(WxXmlMessage.fromXml(weChat.postPlain(subscribe).body()).getContent()).isEqualTo("Welcome!");
    }

    @Test
    void safeModeWorksOnTheSampleAccount() throws Exception {
        WxMessageCrypt crypt = WxMessageCrypt.of(token, aesKey, appId);
        HttpResponse<String> response = weChat.postSafe(crypt, WeChatCallbackClient.text("oSafe", "guess"));

        assertThat(crypt.decrypt(WxXmlMessage.fromXml(response.body()).getEncrypt()))
                .contains("I picked a number between 1 and 100. Guess!");
    }

    @Test
    void laterIsAnsweredThroughTheCustomerServiceApi() throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text("oPatient", "later"));

        assertThat(response.body()).isEqualTo("success");
        assertThat(LATER_SENT.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(WECHAT_API.lastCall("cgi-bin/message/custom/send").body()).isEqualTo(
                "{\"touser\":\"oPatient\",\"msgtype\":\"text\",\"text\":{\"content\":\"Later reply.\"}}");
    }
}
