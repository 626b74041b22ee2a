package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.WeComAibotClient;
import io.github.wxsession.test.WeComAibotClient.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample run with {@code wx.type=aibot}, played by a client that polls like WeCom. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wx.type=aibot")
class AibotSampleTest {

    @Value("${local.server.port}")
    int port;

    @Value("${wx.token}")
    String token;

    @Value("${wx.aes-key}")
    String aesKey;

    private WeComAibotClient weCom() {
        return new WeComAibotClient(List.of("http://127.0.0.1:" + port + "/wx/callback"), token, aesKey);
    }

    @Test
    void aTextIsAnsweredWithAStreamInTwoChunks() throws Exception {
        WeComAibotClient weCom = weCom();

        Reply first = weCom.post(WeComAibotClient.text("zhangsan", "hello bot"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.finished()).as("the first chunk answers the callback").isFalse();
        assertThat(first.streamContent()).isEqualTo("You said: ");
        List<String> seen = weCom.pollUntilFinished("zhangsan", first.streamId(), Duration.ofMillis(100),
                Duration.ofSeconds(10));
        assertThat(seen).last().isEqualTo("You said: hello bot");
    }

    @Test
    void enteringTheChatIsWelcomed() throws Exception {
        Reply welcome = weCom().post(WeComAibotClient.event("lisi", "enter_chat", ""));

        assertThat(welcome.json().get("msgtype").asText()).isEqualTo("text");
        assertThat(welcome.json().get("text").get("content").asText()).isEqualTo("Welcome!");
    }
}
