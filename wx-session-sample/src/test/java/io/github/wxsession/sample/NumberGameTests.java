package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.test.Concurrently;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample bot over its real callback, on its own application.yml: WeChat's side played by the
 * test client, the WeChat API by the sample's emulator. Subclasses choose the store and must set
 * {@code server.port} (the API base URL names it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class NumberGameTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newHttpClient();

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

    @BeforeEach
    void connect() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", token);
    }

    private String reply(String user, String text) throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text(user, text));
        assertThat(response.statusCode()).isEqualTo(200);
        return WxXmlMessage.fromXml(response.body()).getContent();
    }

    private String event(String user, String event, String eventKey) throws Exception {
        String xml = "<xml><ToUserName><![CDATA[gh_sample]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>") + "</xml>";
        HttpResponse<String> response = weChat.postPlain(xml);
        assertThat(response.statusCode()).isEqualTo(200);
        return WxXmlMessage.fromXml(response.body()).getContent();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        // The emulator's code2session answers the openid named in the code.
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wx/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"emu-oMini\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String sessionId = JSON.readTree(login.body()).path("sessionId").asText();
        reply("oMini", "guess");
        reply("oMini", "0");

        HttpResponse<String> me = get("/api/me", "X-WX-SESSION", sessionId);
        HttpResponse<String> anonymous = get("/api/me");

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"openid\":\"oMini\",\"tries\":1}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("-100");
    }

    @Test
    void guessesOfOnePlayerArrivingAllAtOnceAreEachCountedOnce() throws Exception {
        reply("oRush", "guess");

        // 0 is below every number the game picks: each guess is a distinct message answered "Bigger".
        List<String> answers = Concurrently.run(24, () -> reply("oRush", "0"));

        assertThat(answers).hasSize(24).containsOnly("Bigger");
        assertThat(sessions.getSession("oRush", false).getAttribute("tries")).as("no guess lost to a concurrent one")
                .isEqualTo(24);
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
    void thinkWaitsTheGivenSecondsAndSaysSo() throws Exception {
        assertThat(reply("oThinker", "think 1")).isEqualTo("Thought for 1 s.");
        assertThat(reply("oThinker", " THINK  1 ")).isEqualTo("Thought for 1 s.");
    }

    @Test
    void thinkWithoutASecondCountOfOneToSixtyIsNotTheCommandAndIsEchoed() throws Exception {
        for (String text : List.of("think 0", "think 61", "think abc", "think 1.5", "think 01", "thinker")) {
            assertThat(reply("oThinker", text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void newFollowersAreWelcomed() throws Exception {
        assertThat(event("oFan", "subscribe", null)).isEqualTo("Welcome!");
    }

    @Test
    void theRulesMenuItemExplainsTheGame() throws Exception {
        assertThat(event("oFan", "CLICK", "RULES")).startsWith("Send guess to start a round");
    }

    @Test
    void safeModeWorksOnTheSampleAccount() throws Exception {
        WxMessageCrypt crypt = WxMessageCrypt.of(token, aesKey, appId);
        HttpResponse<String> response = weChat.postSafe(crypt, WeChatCallbackClient.text("oSafe", "guess"));

        assertThat(crypt.decrypt(WxXmlMessage.fromXml(response.body()).getEncrypt()))
                .contains("I picked a number between 1 and 100. Guess!");
    }

    @Test
    void laterIsAnsweredThroughTheCustomerServiceApiIntoTheEmulatorsInbox() throws Exception {
        EmulatorInbox inbox = new EmulatorInbox(port);
        long before = inbox.last();

        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text("oPatient", "later"));

        assertThat(response.body()).isEqualTo("success");
        JsonNode message = inbox.await("oPatient", before);
        assertThat(message.path("type").asText()).isEqualTo("text");
        assertThat(message.path("text").asText()).isEqualTo("Later reply.");
    }
}
