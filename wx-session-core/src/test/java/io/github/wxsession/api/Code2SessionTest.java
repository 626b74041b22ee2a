package io.github.wxsession.api;

import static io.github.wxsession.api.ApiTestFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Code2SessionTest {

    private static final String PATH = "sns/jscode2session";
    private static final String SESSION_KEY = "qsXl7QTYr7VG+mq8ewB1xw==";

    private final ApiTestFixture fixture;

    Code2SessionTest() throws Exception {
        fixture = new ApiTestFixture();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void codeIsExchangedWithAppIdAndSecretWithoutAnAccessToken() throws Exception {
        fixture.server.on(PATH, FakeWeChatServer.json("{\"openid\":\"o0o1B6F82kL1OJnVSNp5ODcYK2hI\","
                + "\"session_key\":\"" + SESSION_KEY + "\",\"unionid\":\"u1\"}"));

        WxCode2SessionResult result = fixture.service().code2Session("CODE");

        assertThat(result).isEqualTo(new WxCode2SessionResult("o0o1B6F82kL1OJnVSNp5ODcYK2hI", "u1", SESSION_KEY));
        assertThat(fixture.server.lastCall(PATH).query()).containsExactly(Map.entry("appid", "wxapp"),
                Map.entry("secret", "s3cret"), Map.entry("js_code", "CODE"), Map.entry("grant_type", "authorization_code"));
        assertThat(fixture.server.calls(ApiTestFixture.TOKEN_PATH)).isZero();
    }

    @Test
    void aCodeWhoseRequestMayHaveArrivedIsNotSentAgainSinceItWorksOnce() {
        // WeChat got the code but answered too late; the second answer is what it gives a code it has
        // seen: a retry would turn a login WeChat accepted into 40163.
        fixture.server.on(PATH, fixture.server.hang(), FakeWeChatServer.error(40163, "code been used"));

        WxErrorException failure = failureOf(() -> fixture.service().code2Session("ONCE"));

        assertThat(failure).hasMessageContaining("not sent again");
        assertThat(fixture.server.calls(PATH)).isEqualTo(1);
    }

    @Test
    void unionIdIsNullWhenWeChatSendsNone() throws Exception {
        fixture.server.on(PATH, FakeWeChatServer.json("{\"openid\":\"o1\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(fixture.service().code2Session("CODE").unionId()).isNull();
    }

    @Test
    void toStringNeverShowsTheSessionKey() {
        WxCode2SessionResult result = new WxCode2SessionResult("o1", "u1", SESSION_KEY);

        assertThat(result.toString()).contains("o1").contains("u1").doesNotContain(SESSION_KEY);
    }

    @Test
    void usedCodeFailsSayingToLogInAgain() {
        fixture.server.on(PATH, FakeWeChatServer.error(40029, "invalid code, rid: 1"));

        WxErrorException failure = failureOf(() -> fixture.service().code2Session("USED"));

        assertThat(failure.getError().errorCode()).isEqualTo(40029);
        assertThat(failure).hasMessageContaining("wx.login()").hasMessageNotContaining("s3cret");
    }

    @Test
    void answerWithoutSessionKeyIsRejected() {
        fixture.server.on(PATH, FakeWeChatServer.json("{\"openid\":\"o1\"}"));

        assertThat(failureOf(() -> fixture.service().code2Session("CODE"))).hasMessageContaining("session_key");
    }

    @Test
    void blankCodeAndWeComAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.service().code2Session(" "))
                .withMessageContaining("wx.login()");
        assertThatIllegalStateException()
                .isThrownBy(() -> fixture.service(config -> config.type(WxApiType.CP)).code2Session("CODE"))
                .withMessageContaining("WeCom");
    }
}
