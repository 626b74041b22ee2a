package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The callback of an Official Account over real HTTP, with the official doc's account (vector V8). */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxba5fad812f8e6fb9", "wx.secret=secret", "wx.token=AAAAA",
                "wx.aes-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "wx.callback.max-body-size=8KB",
                // The URL-verification vector was signed in 2024: no replay window for it.
                "wx.callback.timestamp-tolerance=0"})
class OfficialAccountCallbackTest {

    static final WxMessageCrypt CRYPT = WxMessageCrypt.of("AAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "wxba5fad812f8e6fb9");

    @Value("${local.server.port}")
    int port;

    @Autowired
    CallbackTestApplication.Handlers handlers;

    WeChatCallbackClient weChat;

    @BeforeEach
    void connect() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", "AAAAA");
    }

    @Test
    void urlVerificationEchoesEchostrAsPlainText() throws Exception {
        HttpResponse<String> response = weChat.get(
                "signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492"
                        + "&echostr=4375120948345356249");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("4375120948345356249");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void urlVerificationWithAWrongOrMissingSignatureIsForbidden() throws Exception {
        assertThat(weChat.get("signature=0000b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504"
                + "&nonce=1514711492&echostr=1").statusCode()).isEqualTo(403);
        assertThat(weChat.get("timestamp=1714036504&nonce=1514711492&echostr=1").statusCode()).isEqualTo(403);
        assertThat(weChat.get("signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504"
                + "&nonce=1514711492").statusCode()).isEqualTo(400);
    }

    @Test
    void plainTextMessageGetsAPlainReply() throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text("oPlain", "hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/xml"));
        WxXmlOutMessage reply = WxXmlOutMessage.fromXml(response.body());
        assertThat(reply.getToUserName()).isEqualTo("oPlain");
        assertThat(reply.getFromUserName()).isEqualTo("gh_test");
        assertThat(response.body()).contains("<Content><![CDATA[hello]]></Content>");
    }

    @Test
    void theSendersSessionCarriesTheConversation() throws Exception {
        assertThat(weChat.postPlain(WeChatCallbackClient.text("oCounter", "count")).body()).contains("count=1");
        assertThat(weChat.postPlain(WeChatCallbackClient.text("oCounter", "count")).body()).contains("count=2");
        assertThat(weChat.postPlain(WeChatCallbackClient.text("oOther", "count")).body()).contains("count=1");
        assertThat(weChat.postPlain(WeChatCallbackClient.text("oCounter", "count")).body()).contains("count=3");
    }

    @Test
    void noReplyAnswersSuccess() throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text("oQuiet", "quiet"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
    }

    @Test
    void safeModeMessageIsDecryptedAndTheReplyEncrypted() throws Exception {
        HttpResponse<String> response = weChat.postSafe(CRYPT, WeChatCallbackClient.text("oSafe", "你好 safe"));

        assertThat(response.statusCode()).isEqualTo(200);
        WxXmlMessage envelope = WxXmlMessage.fromXml(response.body());
        assertThat(envelope.get("Nonce")).isEqualTo("415670741");
        String reply = CRYPT.decryptMessage(envelope.get("MsgSignature"), envelope.get("TimeStamp"),
                envelope.get("Nonce"), envelope.getEncrypt());
        assertThat(reply).contains("<ToUserName><![CDATA[oSafe]]></ToUserName>")
                .contains("<Content><![CDATA[你好 safe]]></Content>");
    }

    @Test
    void compatibleModeUsesTheEncryptedCopy() throws Exception {
        String inner = WeChatCallbackClient.text("oCompat", "from the ciphertext");
        String encrypt = CRYPT.encrypt(inner);
        String body = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oCompat]]></FromUserName>"
                + "<CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[from the plain copy]]></Content><MsgId>1</MsgId>"
                + "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";

        HttpResponse<String> response = weChat.postEncrypted(encrypt, body);

        assertThat(response.statusCode()).isEqualTo(200);
        WxXmlMessage envelope = WxXmlMessage.fromXml(response.body());
        assertThat(CRYPT.decrypt(envelope.getEncrypt())).contains("from the ciphertext");
    }

    @Test
    void aRetryAfterSuccessGetsTheSameReplyWithoutRunningTheHandlerAgain() throws Exception {
        String message = WeChatCallbackClient.text(880001L, "oRetry", "count");
        HttpResponse<String> first = weChat.postPlain(message);
        int calls = handlers.calls.get();

        HttpResponse<String> retry = weChat.postPlain(message);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(handlers.calls.get()).isEqualTo(calls);
    }

    @Test
    void aFailedHandlingAnswers500AndTheRetryIsHandled() throws Exception {
        handlers.failuresLeft.set(1);
        String message = WeChatCallbackClient.text(880002L, "oFlaky", "flaky");

        assertThat(weChat.postPlain(message).statusCode()).isEqualTo(500);
        HttpResponse<String> retry = weChat.postPlain(message);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("recovered");
    }

    @Test
    void aBrowserStillGetsJsonFromTheHostApplication() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/greeting"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"greeting\":\"hello\"}");
    }

    @Test
    void eventsAreRoutedByEventName() throws Exception {
        String subscribe = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oNew]]></FromUserName>"
                + "<CreateTime>1714037060</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[subscribe]]></Event></xml>";

        assertThat(weChat.postPlain(subscribe).body()).contains("<Content><![CDATA[Welcome!]]></Content>");
    }

}
