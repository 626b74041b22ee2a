package io.github.wxsession.api;

import static io.github.wxsession.api.ApiTestFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wxsession.aibot.WxAibotReplies;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AI bot's active reply through a message's response_url: once, without an access token. */
class ResponseUrlTest {

    private static final String PATH = "cgi-bin/aibot/response";
    private static final String URL = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R%2B1";

    private final ApiTestFixture fixture;

    ResponseUrlTest() throws Exception {
        fixture = new ApiTestFixture();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theReplyIsPostedToTheApiRootWithItsResponseCodeAndNoToken() throws Exception {
        fixture.server.on(PATH, FakeWeChatServer.ok());

        fixture.service().respond(URL, WxAibotReplies.markdown("**done**"));

        FakeWeChatServer.Call call = fixture.server.lastCall(PATH);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.query()).containsExactly(Map.entry("response_code", "R+1"));
        assertThat(call.body()).isEqualTo("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**done**\"}}");
        assertThat(fixture.server.calls(ApiTestFixture.TOKEN_PATH)).isZero();
    }

    @Test
    void aUrlUsedOnceIsNotSentAgainWhenTheAnswerIsLost() {
        fixture.server.on(PATH, fixture.server.hang(), FakeWeChatServer.error(40001, "response_code used"));

        WxErrorException failure = failureOf(() -> fixture.service().respond(URL, WxAibotReplies.markdown("x")));

        assertThat(failure).hasMessageContaining("not sent again");
        assertThat(fixture.server.calls(PATH)).isEqualTo(1);
    }

    @Test
    void somethingElseThanAResponseUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.service().respond(
                "https://qyapi.weixin.qq.com/cgi-bin/message/send?response_code=x", "{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.service().respond(
                "https://qyapi.weixin.qq.com/cgi-bin/aibot/response", "{}"));
    }
}
