package io.github.wxsession.api;

import static io.github.wxsession.api.ApiTestFixture.TOKEN_PATH;
import static io.github.wxsession.api.ApiTestFixture.failureOf;
import static io.github.wxsession.api.FakeWeChatServer.after;
import static io.github.wxsession.api.FakeWeChatServer.error;
import static io.github.wxsession.api.FakeWeChatServer.json;
import static io.github.wxsession.api.FakeWeChatServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiErrorHandlingTest {

    private static final String GET_PATH = "cgi-bin/user/info";
    private static final String POST_PATH = "cgi-bin/menu/create";
    private static final String USER = "{\"openid\":\"o1\",\"nickname\":\"n\"}";
    private static final Map<String, String> QUERY = Map.of("openid", "o1");

    private final ApiTestFixture fixture;
    private final FakeWeChatServer server;

    ApiErrorHandlingTest() throws Exception {
        fixture = new ApiTestFixture();
        server = fixture.server;
        fixture.storage.updateAccessToken("T1", 7200);
        server.on(TOKEN_PATH, token("T2", 7200));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void getAppendsTheTokenAndReturnsTheAnswer() throws Exception {
        server.on(GET_PATH, json(USER));

        String answer = fixture.service().get(GET_PATH, Map.of("openid", "o 1&x", "lang", "zh_CN"));

        assertThat(answer).isEqualTo(USER);
        assertThat(server.lastCall(GET_PATH).query()).containsEntry("access_token", "T1")
                .containsEntry("openid", "o 1&x").containsEntry("lang", "zh_CN").hasSize(3);
    }

    @Test
    void postSendsTheBodyAsIs() throws Exception {
        server.on(POST_PATH, FakeWeChatServer.ok());

        fixture.service().post(POST_PATH, "{\"button\":[{\"name\":\"菜单\"}]}");

        FakeWeChatServer.Call call = server.lastCall(POST_PATH);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.body()).isEqualTo("{\"button\":[{\"name\":\"菜单\"}]}");
        assertThat(call.query()).containsExactly(Map.entry("access_token", "T1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 40014, 42001})
    void rejectedTokenIsRefreshedOnceAndTheCallRetried(int errcode) throws Exception {
        server.on(GET_PATH, error(errcode, "invalid credential, access_token is invalid or not latest"), json(USER));

        String answer = fixture.service().get(GET_PATH, QUERY);

        assertThat(answer).isEqualTo(USER);
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
        assertThat(server.callsTo(GET_PATH)).extracting(call -> call.query().get("access_token"))
                .containsExactly("T1", "T2");
    }

    @Test
    void tokenAlreadyReplacedMeanwhileIsNotRefreshedAgain() throws Exception {
        // Another thread stores T3 while this call is failing with T1.
        server.on(GET_PATH, after(() -> fixture.storage.updateAccessToken("T3", 7200), error(40001, "invalid")),
                json(USER));

        fixture.service().get(GET_PATH, QUERY);

        assertThat(server.calls(TOKEN_PATH)).isZero();
        assertThat(server.callsTo(GET_PATH)).extracting(call -> call.query().get("access_token"))
                .containsExactly("T1", "T3");
    }

    @Test
    void tokenRejectedAgainAfterTheRefreshFailsWithoutAnotherRefresh() {
        server.on(GET_PATH, error(40001, "invalid credential"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError().errorCode()).isEqualTo(40001);
        assertThat(failure).hasMessageContaining("stable-token");
        assertThat(server.calls(GET_PATH)).isEqualTo(2);
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
    }

    @Test
    void busyAnswersAreRetriedWithDoublingBackoff() throws Exception {
        server.on(GET_PATH, error(-1, "system error"), error(-1, "system error"), error(-1, "system error"),
                json(USER));

        String answer = fixture.service().get(GET_PATH, QUERY);

        assertThat(answer).isEqualTo(USER);
        assertThat(server.calls(GET_PATH)).isEqualTo(4);
        assertThat(fixture.sleeper.sleeps()).containsExactly(1000L, 2000L, 4000L);
    }

    @Test
    void busyBeyondMaxRetryTimesFailsKeepingErrcodeMinusOne() {
        server.on(GET_PATH, error(-1, "system error"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError()).isEqualTo(new WxError(-1, "system error"));
        assertThat(server.calls(GET_PATH)).isEqualTo(6);
        assertThat(fixture.sleeper.sleeps()).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L);
    }

    @Test
    void retryBudgetAndFirstBackoffAreConfigurable() {
        server.on(GET_PATH, error(-1, "system error"));

        failureOf(() -> fixture.service(config -> config.maxRetryTimes(2).retrySleepMillis(50)).get(GET_PATH, QUERY));

        assertThat(server.calls(GET_PATH)).isEqualTo(3);
        assertThat(fixture.sleeper.sleeps()).containsExactly(50L, 100L);
    }

    @Test
    void dailyQuotaFailsAtOnceSayingHowToReset() {
        server.on(GET_PATH, error(45009, "reach max api daily quota limit rid: 6632c4d2-1e2c"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError().errorCode()).isEqualTo(45009);
        assertThat(failure.getError().errorMessage()).isEqualTo("reach max api daily quota limit rid: 6632c4d2-1e2c");
        assertThat(failure).hasMessageContaining("clear_quota");
        assertThat(server.calls(GET_PATH)).isEqualTo(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void ipNotOnTheWhitelistFailsTheTokenFetchSayingWhatToAdd() {
        fixture.storage.expireAccessToken();
        server.on(TOKEN_PATH, error(40164, "invalid ip 61.172.68.219, not in whitelist hint: [KJZfAa0644e575]"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError().errorCode()).isEqualTo(40164);
        assertThat(failure).hasMessageContaining("GET cgi-bin/token").hasMessageContaining("61.172.68.219")
                .hasMessageContaining("IP whitelist").hasMessageNotContaining("s3cret");
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
        assertThat(server.calls(GET_PATH)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "40013, AppID is invalid",
        "40125, AppSecret is invalid",
        "40243, AppSecret is frozen",
        "41004, secret parameter is missing",
        "45011, per-minute quota",
        "48001, API permissions"})
    void configurationAndQuotaErrorsFailAtOnceSayingWhatToFix(int errcode, String hint) {
        server.on(GET_PATH, error(errcode, "some errmsg"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError().errorCode()).isEqualTo(errcode);
        assertThat(failure).hasMessageContaining(hint);
        assertThat(server.calls(GET_PATH)).isEqualTo(1);
    }

    @Test
    void weComIpErrorSaysWhereToTrustTheIp() {
        fixture.storage.expireAccessToken();
        server.on("cgi-bin/gettoken", error(60020, "not allow to access from your ip"));

        WxErrorException failure = failureOf(
                () -> fixture.service(config -> config.type(WxApiType.CP)).getAccessToken());

        assertThat(failure).hasMessageContaining("trusted IPs").hasMessageContaining("WeCom admin console");
    }

    @Test
    void postThatTimesOutIsNotSentAgain() {
        server.on(POST_PATH, server.hang());

        WxErrorException failure = failureOf(() -> fixture.service().post(POST_PATH, "{}"));

        assertThat(failure.getError().errorCode()).isEqualTo(-1);
        assertThat(failure).hasMessageContaining("POST " + POST_PATH).hasMessageContaining("not sent again");
        assertThat(server.calls(POST_PATH)).isEqualTo(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void postWhoseConnectionDropsIsNotSentAgain() {
        server.on(POST_PATH, FakeWeChatServer.dropConnection(), FakeWeChatServer.ok());

        WxErrorException failure = failureOf(() -> fixture.service().post(POST_PATH, "{}"));

        assertThat(failure).hasMessageContaining("not sent again");
        assertThat(server.calls(POST_PATH)).isEqualTo(1);
    }

    @Test
    void getThatTimesOutIsRetried() throws Exception {
        server.on(GET_PATH, server.hang(), json(USER));

        String answer = fixture.service().get(GET_PATH, QUERY);

        assertThat(answer).isEqualTo(USER);
        assertThat(server.calls(GET_PATH)).isEqualTo(2);
        assertThat(fixture.sleeper.sleeps()).containsExactly(1000L);
    }

    @Test
    void postThatCouldNotConnectIsRetriedSinceItNeverLeft() throws Exception {
        URI closedPort = URI.create("http://127.0.0.1:" + freePort() + "/");

        WxErrorException failure = failureOf(() -> fixture.service(config -> config.baseUri(closedPort)
                .maxRetryTimes(2)).post(POST_PATH, "{}"));

        assertThat(failure.getError().errorCode()).isEqualTo(-1);
        assertThat(failure).hasMessageContaining("after 2 retries").hasCauseInstanceOf(java.net.ConnectException.class);
        assertThat(fixture.sleeper.sleeps()).containsExactly(1000L, 2000L);
    }

    @Test
    void statusOtherThan200FailsClearlyWithoutRetry() {
        server.on(GET_PATH, FakeWeChatServer.status(500, "<html>Internal Server Error</html>"));

        WxErrorException failure = failureOf(() -> fixture.service().get(GET_PATH, QUERY));

        assertThat(failure.getError().errorCode()).isEqualTo(-1);
        assertThat(failure).hasMessageContaining("HTTP 500").hasMessageContaining("Internal Server Error");
        assertThat(server.calls(GET_PATH)).isEqualTo(1);
    }

    @Test
    void answerThatIsNotJsonFailsClearly() {
        server.on(GET_PATH, json("<html>captive portal</html>"), json("[1,2]"));
        HttpWxService service = fixture.service();

        for (String body : List.of("<html>captive portal</html>", "[1,2]")) {
            WxErrorException failure = failureOf(() -> service.get(GET_PATH, QUERY));
            assertThat(failure).hasMessageContaining("not a JSON object").hasMessageContaining(body);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
