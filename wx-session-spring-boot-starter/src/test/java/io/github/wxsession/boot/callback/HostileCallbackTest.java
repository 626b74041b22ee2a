package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.test.WeChatCallbackClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Malformed and hostile requests: each gets its 4xx, none reaches a handler, and the app keeps serving. */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxba5fad812f8e6fb9", "wx.secret=secret", "wx.token=AAAAA",
                "wx.aes-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "wx.callback.max-body-size=8KB"})
class HostileCallbackTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    CallbackTestApplication.Handlers handlers;

    WeChatCallbackClient weChat;
    int callsBefore;

    @BeforeEach
    void connect() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", "AAAAA");
        callsBefore = handlers.calls.get();
    }

    private void assertRejected(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(handlers.calls.get()).as("no handler may run").isEqualTo(callsBefore);
        // The application keeps serving.
        assertThat(weChat.postPlain(WeChatCallbackClient.text("oAfter", "still here")).body()).contains("still here");
    }

    @Test
    void wrongSignatureIsForbidden() throws Exception {
        String query = weChat.signatureQuery(WeChatCallbackClient.now(), "486452656").replace("signature=", "signature=0");
        assertRejected(weChat.post(query, utf8(WeChatCallbackClient.text("oX", "hi"))), 403);
    }

    @Test
    void missingSignatureIsForbidden() throws Exception {
        assertRejected(weChat.post("timestamp=1&nonce=2", utf8(WeChatCallbackClient.text("oX", "hi"))), 403);
    }

    @Test
    void malformedXmlIsABadRequest() throws Exception {
        assertRejected(weChat.postPlain("<xml><ToUserName>unclosed"), 400);
    }

    @Test
    void externalEntitiesAreRefused() throws Exception {
        assertRejected(weChat.postPlain("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Content>&x;</Content></xml>"), 400);
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        assertRejected(weChat.postPlain("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><xml><Content>&lol2;</Content></xml>"), 400);
    }

    @Test
    void oversizedBodyIsRejectedWith413() throws Exception {
        assertRejected(weChat.postPlain(WeChatCallbackClient.text("oBig", "x".repeat(9000))), 413);
    }

    @Test
    void aBodyWithoutDeclaredLengthIsRead() throws Exception {
        HttpResponse<String> small = postChunked(WeChatCallbackClient.text("oChunked", "streamed"));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("streamed");
    }

    @Test
    void aBodyWithoutDeclaredLengthOverTheLimitIsRejectedWith413() throws Exception {
        assertRejected(postChunked(WeChatCallbackClient.text("oChunkedBig", "x".repeat(9000))), 413);
    }

    /** Chunked transfer encoding: the JDK client sends no Content-Length for a stream body. */
    private HttpResponse<String> postChunked(String xml) throws Exception {
        byte[] body = utf8(xml);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wx/callback?"
                        + weChat.signatureQuery(WeChatCallbackClient.now(), "486452656")))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void invalidUtf8IsABadRequest() throws Exception {
        byte[] body = utf8(WeChatCallbackClient.text("oBad", "AB"));
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 'A' && body[i + 1] == 'B') {
                body[i] = (byte) 0xC3;
                body[i + 1] = (byte) 0x28;
            }
        }
        assertRejected(weChat.post(weChat.signatureQuery(WeChatCallbackClient.now(), "486452656"), body), 400);
    }

    @Test
    void badBase64CiphertextIsABadRequest() throws Exception {
        String encrypt = "not*base64!";
        assertRejected(weChat.postEncrypted(encrypt, "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>"), 400);
    }

    @Test
    void ciphertextUnderAnotherKeyIsABadRequest() throws Exception {
        WxMessageCrypt otherKey = WxMessageCrypt.of("AAAAA", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "wxba5fad812f8e6fb9");
        assertRejected(weChat.postSafe(otherKey, WeChatCallbackClient.text("oX", "hi")), 400);
    }

    @Test
    void ciphertextForAnotherAppIdIsABadRequest() throws Exception {
        WxMessageCrypt otherApp = WxMessageCrypt.of("AAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "wxOtherApp");
        assertRejected(weChat.postSafe(otherApp, WeChatCallbackClient.text("oX", "hi")), 400);
    }

    @Test
    void wrongMsgSignatureIsForbidden() throws Exception {
        String encrypt = OfficialAccountCallbackTest.CRYPT.encrypt(WeChatCallbackClient.text("oX", "hi"));
        String query = weChat.signatureQuery(WeChatCallbackClient.now(), "415670741") + "&encrypt_type=aes&msg_signature=deadbeef";
        assertRejected(weChat.post(query, utf8("<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>")), 403);
    }

    @Test
    void encryptedRequestWithoutCiphertextIsABadRequest() throws Exception {
        String query = weChat.signatureQuery(WeChatCallbackClient.now(), "415670741") + "&encrypt_type=aes&msg_signature=abc";
        assertRejected(weChat.post(query, utf8(WeChatCallbackClient.text("oX", "hi"))), 400);
    }

    @Test
    void tamperedCiphertextIsRejected() throws Exception {
        byte[] raw = Base64.getDecoder().decode(OfficialAccountCallbackTest.CRYPT.encrypt(WeChatCallbackClient.text("oX", "hi")));
        raw[raw.length - 1] ^= 0x5a;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertRejected(weChat.postEncrypted(tampered, "<xml><Encrypt><![CDATA[" + tampered + "]]></Encrypt></xml>"), 400);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
