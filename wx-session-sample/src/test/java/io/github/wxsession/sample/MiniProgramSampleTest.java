package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample run as a mini program with JSON message push in safe mode: the number game over
 * customer-service messages, its replies sent through the (emulated) customer-service API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"wx.type=miniapp", "wx.message-format=json", "wx.callback.require-encryption=true"})
class MiniProgramSampleTest {

    static final int PORT = FreePort.find();
    static final AtomicLong MSG_IDS = new AtomicLong(8_800_000);

    @Value("${wx.token}")
    String token;

    @Value("${wx.aes-key}")
    String aesKey;

    @Value("${wx.app-id}")
    String appId;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    /** Sends a text in safe mode and returns the customer-service message it was answered with. */
    private String play(String openid, String text) throws Exception {
        EmulatorInbox inbox = new EmulatorInbox(PORT);
        long before = inbox.last();
        String plaintext = "{\"ToUserName\":\"gh_sample\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":"
                + WeChatCallbackClient.now() + ",\"MsgType\":\"text\",\"Content\":\"" + text + "\",\"MsgId\":"
                + MSG_IDS.incrementAndGet() + "}";
        String encrypt = WxMessageCrypt.of(token, aesKey, appId).encrypt(plaintext);
        HttpResponse<String> response = new WeChatCallbackClient(PORT, "/wx/callback", token)
                .postEncrypted(encrypt, "{\"ToUserName\":\"gh_sample\",\"Encrypt\":\"" + encrypt + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        return inbox.await(openid, before).path("text").asText();
    }

    @Test
    void theNumberGameIsPlayedOverCustomerServiceMessages() throws Exception {
        assertThat(play("oMiniPlayer", "guess")).isEqualTo("I picked a number between 1 and 100. Guess!");
        int low = 1;
        int high = 100;
        for (int tries = 1; tries <= 7; tries++) {
            int guess = (low + high) / 2;
            String answer = play("oMiniPlayer", Integer.toString(guess));
            if (answer.startsWith("Correct!")) {
                assertThat(answer).isEqualTo("Correct! " + tries + " tries.");
                return;
            }
            assertThat(answer).isIn("Bigger", "Smaller");
            if (answer.equals("Bigger")) {
                low = guess + 1;
            } else {
                high = guess - 1;
            }
        }
        throw new AssertionError("binary search over 1..100 takes at most 7 guesses");
    }

    @Test
    void aPlaintextPostIsRefusedWhenEncryptionIsRequired() throws Exception {
        HttpResponse<String> response = new WeChatCallbackClient(PORT, "/wx/callback", token)
                .postPlain("{\"ToUserName\":\"gh_sample\",\"FromUserName\":\"oForger\",\"CreateTime\":1,"
                        + "\"MsgType\":\"text\",\"Content\":\"guess\",\"MsgId\":1}");

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
