package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Over real HTTP: signed requests from outside the replay window are refused whatever they carry,
 * and an account that requires encryption refuses plaintext POSTs, whose plain signature never
 * covers the body. Two accounts: {@code strict} requires encryption, {@code relaxed} does not.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.accounts.strict.app-id=wxStrict", "wx.accounts.strict.secret=s",
                "wx.accounts.strict.token=strict-token", "wx.accounts.strict.aes-key=" + ReplayAndDowngradeTest.KEY,
                "wx.accounts.strict.require-encryption=true",
                "wx.accounts.relaxed.app-id=wxRelaxed", "wx.accounts.relaxed.secret=s",
                "wx.accounts.relaxed.token=relaxed-token", "wx.accounts.relaxed.aes-key=" + ReplayAndDowngradeTest.KEY})
class ReplayAndDowngradeTest {

    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final WxMessageCrypt STRICT = WxMessageCrypt.of("strict-token", KEY, "wxStrict");

    @Value("${local.server.port}")
    int port;

    @Autowired
    CallbackTestApplication.Handlers handlers;

    WeChatCallbackClient strict;
    WeChatCallbackClient relaxed;

    @BeforeEach
    void connect() {
        strict = new WeChatCallbackClient(port, "/wx/callback/wxStrict", "strict-token");
        relaxed = new WeChatCallbackClient(port, "/wx/callback/wxRelaxed", "relaxed-token");
    }

    private static String secondsFromNow(long seconds) {
        return Long.toString(System.currentTimeMillis() / 1000 + seconds);
    }

    private HttpResponse<String> postPlainSignedAt(WeChatCallbackClient client, String timestamp) throws Exception {
        return client.post(client.signatureQuery(timestamp, "77"),
                WeChatCallbackClient.text("oReplay", "count").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedRequestsOutsideTheFiveMinuteWindowAreForbiddenInEitherDirectionAndRunNoHandler() throws Exception {
        int calls = handlers.calls.get();

        HttpResponse<String> old = postPlainSignedAt(relaxed, secondsFromNow(-6 * 60));
        HttpResponse<String> future = postPlainSignedAt(relaxed, secondsFromNow(6 * 60));
        HttpResponse<String> notANumber = postPlainSignedAt(relaxed, "yesterday");

        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(old.body()).isEqualTo("timestamp");
        assertThat(future.statusCode()).isEqualTo(403);
        assertThat(notANumber.statusCode()).isEqualTo(403);
        assertThat(handlers.calls.get()).isEqualTo(calls);
        assertThat(postPlainSignedAt(relaxed, secondsFromNow(-4 * 60)).statusCode()).as("within the window")
                .isEqualTo(200);
    }

    @Test
    void urlVerificationOutsideTheWindowIsForbiddenToo() throws Exception {
        String stale = secondsFromNow(-10 * 60);
        String fresh = WeChatCallbackClient.now();

        HttpResponse<String> refused = relaxed.get("signature=" + WxSignatures.sortedSha1("relaxed-token", stale, "1")
                + "&timestamp=" + stale + "&nonce=1&echostr=hello");
        HttpResponse<String> answered = relaxed.get("signature=" + WxSignatures.sortedSha1("relaxed-token", fresh, "1")
                + "&timestamp=" + fresh + "&nonce=1&echostr=hello");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(answered.body()).isEqualTo("hello");
    }

    @Test
    void anAccountThatRequiresEncryptionRefusesPlaintextAndAnswersSafeMode() throws Exception {
        int calls = handlers.calls.get();

        HttpResponse<String> plaintext = strict.postPlain(WeChatCallbackClient.text("oStrict", "count"));
        assertThat(plaintext.statusCode()).isEqualTo(403);
        assertThat(plaintext.body()).isEqualTo("encryption-required");
        assertThat(handlers.calls.get()).isEqualTo(calls);

        HttpResponse<String> safe = strict.postSafe(STRICT, WeChatCallbackClient.text("oStrict", "count"));
        assertThat(safe.statusCode()).isEqualTo(200);
        assertThat(STRICT.decrypt(WxXmlMessage.fromXml(safe.body()).getEncrypt())).contains("count=1");
    }

    @Test
    void anAccountThatDoesNotRequireEncryptionStillTakesPlaintext() throws Exception {
        assertThat(relaxed.postPlain(WeChatCallbackClient.text("oRelaxed", "count")).statusCode()).isEqualTo(200);
    }
}
