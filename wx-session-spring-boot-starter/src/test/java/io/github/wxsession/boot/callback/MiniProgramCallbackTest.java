package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A mini program in JSON format over real HTTP: messages in safe and plain mode, replies sent
 * through the customer-service API, a hand-over to customer service as the only passive reply.
 */
@SpringBootTest(classes = MiniProgramTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.type=miniapp", "wx.message-format=json", "wx.app-id=" + MiniProgramTestApplication.APP_ID,
                "wx.secret=secret", "wx.token=" + MiniProgramTestApplication.TOKEN,
                "wx.aes-key=" + MiniProgramTestApplication.AES_KEY})
class MiniProgramCallbackTest {

    static final String CUSTOM_SEND = "cgi-bin/message/custom/send";
    static final FakeWeChatServer WECHAT_API = startApi();
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong MSG_IDS = new AtomicLong(9_100_000);

    @Value("${local.server.port}")
    int port;

    @Autowired
    MiniProgramTestApplication.Handlers handlers;

    WeChatCallbackClient weChat;
    final WxMessageCrypt crypt = WxMessageCrypt.of(MiniProgramTestApplication.TOKEN, MiniProgramTestApplication.AES_KEY,
            MiniProgramTestApplication.APP_ID);

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("cgi-bin/token", FakeWeChatServer.token("mini-token", 7200));
            api.on(CUSTOM_SEND, FakeWeChatServer.ok());
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
    void client() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", MiniProgramTestApplication.TOKEN);
        WECHAT_API.on(CUSTOM_SEND, FakeWeChatServer.ok());
    }

    static String text(long msgId, String user, String content) {
        return "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"" + user + "\",\"CreateTime\":1714112445,"
                + "\"MsgType\":\"text\",\"Content\":\"" + content + "\",\"MsgId\":" + msgId + "}";
    }

    /** Safe mode: {"ToUserName","Encrypt"} in the body, signature and msg_signature in the URL. */
    HttpResponse<String> postSafe(String plaintext) throws Exception {
        String encrypt = crypt.encrypt(plaintext);
        return weChat.postEncrypted(encrypt, "{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"" + encrypt + "\"}");
    }

    JsonNode lastSent() throws Exception {
        return JSON.readTree(WECHAT_API.lastCall(CUSTOM_SEND).body());
    }

    @Test
    void theGameIsPlayedInSafeModeWithRepliesThroughCustomerService() throws Exception {
        HttpResponse<String> first = postSafe(text(MSG_IDS.incrementAndGet(), "oMini1", "count"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("success");
        assertThat(lastSent().get("touser").asText()).isEqualTo("oMini1");
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("count=1");

        assertThat(postSafe(text(MSG_IDS.incrementAndGet(), "oMini1", "count")).body()).isEqualTo("success");
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("count=2");
    }

    @Test
    void plainModeJsonIsSignedWithTheThreeValueSignature() throws Exception {
        HttpResponse<String> response = weChat.postPlain(text(MSG_IDS.incrementAndGet(), "oMini2", "count"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("count=1");
    }

    @Test
    void eventsAndMiniProgramCardsReachTheirHandlers() throws Exception {
        weChat.postPlain("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"oMini3\",\"CreateTime\":1482048670,"
                + "\"MsgType\":\"event\",\"Event\":\"user_enter_tempsession\",\"SessionFrom\":\"shop-page\"}");
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("Hi, you came from shop-page");

        weChat.postPlain("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"oMini3\",\"CreateTime\":1482048670,"
                + "\"MsgType\":\"miniprogrampage\",\"MsgId\":" + MSG_IDS.incrementAndGet() + ",\"Title\":\"title\","
                + "\"AppId\":\"appid\",\"PagePath\":\"pages/index\",\"ThumbUrl\":\"\",\"ThumbMediaId\":\"\"}");
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("You sent pages/index");
    }

    @Test
    void aHandOverToCustomerServiceIsTheEncryptedPassiveReplyInJson() throws Exception {
        int sends = WECHAT_API.calls(CUSTOM_SEND);

        HttpResponse<String> response = postSafe(text(MSG_IDS.incrementAndGet(), "oMini4", "human"));

        JsonNode envelope = JSON.readTree(response.body());
        String encrypt = envelope.get("Encrypt").asText();
        assertThat(envelope.get("TimeStamp").isNumber()).isTrue();
        assertThat(envelope.get("Nonce").asText()).isEqualTo("415670741");
        assertThat(WxSignatures.sortedSha1(MiniProgramTestApplication.TOKEN, envelope.get("TimeStamp").asText(),
                "415670741", encrypt)).isEqualTo(envelope.get("MsgSignature").asText());
        JsonNode reply = JSON.readTree(crypt.decrypt(encrypt));
        assertThat(reply.get("MsgType").asText()).isEqualTo("transfer_customer_service");
        assertThat(reply.get("ToUserName").asText()).isEqualTo("oMini4");
        assertThat(reply.get("FromUserName").asText()).isEqualTo("gh_97417a04a28d");
        assertThat(WECHAT_API.calls(CUSTOM_SEND)).isEqualTo(sends);
    }

    @Test
    void aFailedSendFailsTheDeliveryAndTheRetrySendsTheRecordedReplyWithoutRunningTheHandler() throws Exception {
        String message = text(MSG_IDS.incrementAndGet(), "oMini5", "count");
        // 45047: over the customer-service quota; not an error the API client retries by itself.
        WECHAT_API.on(CUSTOM_SEND, FakeWeChatServer.error(45047, "out of response count limit"), FakeWeChatServer.ok());

        HttpResponse<String> first = postSafe(message);
        int calls = handlers.calls.get();
        HttpResponse<String> retry = postSafe(message);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(handlers.calls.get()).as("the retry ran no handler").isEqualTo(calls);
        assertThat(lastSent().get("text").get("content").asText()).isEqualTo("count=1");
    }

    @Test
    void hostileJsonNeverReachesAHandler() throws Exception {
        int calls = handlers.calls.get();

        assertThat(weChat.postPlain("{\"MsgType\":\"text\",\"MsgType\":\"event\"}").statusCode()).isEqualTo(400);
        assertThat(weChat.postPlain("{\"MsgType\":\"text\"").statusCode()).isEqualTo(400);
        assertThat(weChat.postPlain("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}").statusCode()).isEqualTo(400);
        assertThat(weChat.postEncrypted("QUJD", "{\"ToUserName\":\"gh\",\"Encrypt\":\"QUJD\",\"Encrypt\":\"QUJD\"}")
                .statusCode()).isEqualTo(400);
        assertThat(postSafe("[1]").statusCode()).as("signed, but not an object").isEqualTo(400);
        assertThat(handlers.calls.get()).isEqualTo(calls);
    }
}
