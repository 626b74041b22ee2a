package io.github.wxsession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomMessageTest {

    private static final String MP_SEND = "cgi-bin/message/custom/send";
    private static final String CP_SEND = "cgi-bin/message/send";

    private final ApiTestFixture fixture;

    CustomMessageTest() throws Exception {
        fixture = new ApiTestFixture();
        fixture.storage.updateAccessToken("T1", 7200);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void officialAccountSendsTheDocumentedJsonToCustomSend() throws Exception {
        fixture.server.on(MP_SEND, FakeWeChatServer.ok());

        fixture.service().sendCustomMessage(WxCustomMessage.text("OPENID", "Hello World"));

        FakeWeChatServer.Call call = fixture.server.lastCall(MP_SEND);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.query()).containsExactly(Map.entry("access_token", "T1"));
        assertThat(call.body()).isEqualTo("{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"Hello World\"}}");
    }

    @Test
    void weComSendsAnAppMessageAsTheConfiguredAgent() throws Exception {
        fixture.server.on(CP_SEND, FakeWeChatServer.json(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"xx\"}"));

        fixture.service(config -> config.type(WxApiType.CP).agentId(1000002))
                .sendCustomMessage(WxCustomMessage.text("zhangsan|lisi", "你好"));

        assertThat(fixture.server.lastCall(CP_SEND).body()).isEqualTo(
                "{\"touser\":\"zhangsan|lisi\",\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"你好\"}}");
    }

    @Test
    void failedSendIsReportedWithItsErrcode() {
        fixture.server.on(MP_SEND, FakeWeChatServer.error(45015, "response out of time limit"));

        WxErrorException failure = ApiTestFixture.failureOf(
                () -> fixture.service().sendCustomMessage(WxCustomMessage.text("o1", "late")));

        assertThat(failure.getError().errorCode()).isEqualTo(45015);
        assertThat(fixture.server.calls(MP_SEND)).isEqualTo(1);
    }

    @Test
    void mediaMessagesCarryTheirMediaId() {
        assertThat(mpJson(WxCustomMessage.image("o1", "M1")))
                .isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"M1\"}}");
        assertThat(mpJson(WxCustomMessage.voice("o1", "M2")))
                .isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"M2\"}}");
        assertThat(mpJson(WxCustomMessage.mpNews("o1", "M3")))
                .isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"mpnews\",\"mpnews\":{\"media_id\":\"M3\"}}");
    }

    @Test
    void videoLeavesOutWhatIsNotGiven() {
        assertThat(mpJson(WxCustomMessage.video("o1", "V", "TH", "title", "desc"))).isEqualTo(
                "{\"touser\":\"o1\",\"msgtype\":\"video\",\"video\":{\"media_id\":\"V\",\"thumb_media_id\":\"TH\","
                        + "\"title\":\"title\",\"description\":\"desc\"}}");
        assertThat(mpJson(WxCustomMessage.video("o1", "V", null, "title", null)))
                .isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"video\",\"video\":{\"media_id\":\"V\",\"title\":\"title\"}}");
    }

    @Test
    void musicUsesWeChatsFieldNames() {
        assertThat(mpJson(WxCustomMessage.music("o1", "t", "d", "http://m", "http://hq", "TH"))).isEqualTo(
                "{\"touser\":\"o1\",\"msgtype\":\"music\",\"music\":{\"title\":\"t\",\"description\":\"d\","
                        + "\"musicurl\":\"http://m\",\"hqmusicurl\":\"http://hq\",\"thumb_media_id\":\"TH\"}}");
    }

    @Test
    void newsListsItsArticles() {
        WxCustomMessage news = WxCustomMessage.news("o1",
                List.of(new WxCustomMessage.Article("Happy Day", "Is Really A Happy Day", "http://u", "http://p")));

        assertThat(mpJson(news)).isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"news\",\"news\":{\"articles\":[{"
                + "\"title\":\"Happy Day\",\"description\":\"Is Really A Happy Day\",\"url\":\"http://u\","
                + "\"picurl\":\"http://p\"}]}}");
    }

    @Test
    void textIsEscapedAsJson() {
        assertThat(mpJson(WxCustomMessage.text("o1", "say \"hi\"\n")))
                .isEqualTo("{\"touser\":\"o1\",\"msgtype\":\"text\",\"text\":{\"content\":\"say \\\"hi\\\"\\n\"}}");
    }

    @Test
    void weComRejectsOfficialAccountOnlyTypes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WxCustomMessage.music("u", null, null, "http://m", null, "TH").toJson(WxApiType.CP, 1))
                .withMessageContaining("WeCom app messages have no music");
    }

    @Test
    void weComNeedsTheAgentId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> WxCustomMessage.text("u", "x").toJson(WxApiType.CP, null))
                .withMessageContaining("agentId");
    }

    @Test
    void missingRecipientOrContentIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxCustomMessage.text(" ", "x"))
                .withMessageContaining("toUser is required");
        assertThatIllegalArgumentException().isThrownBy(() -> WxCustomMessage.text("o1", null))
                .withMessageContaining("content is required");
        assertThatIllegalArgumentException().isThrownBy(() -> WxCustomMessage.news("o1", List.of()))
                .withMessageContaining("1 to 8 articles");
    }

    @Test
    void messagesAreValues() {
        assertThat(WxCustomMessage.text("o1", "x")).isEqualTo(WxCustomMessage.text("o1", "x"))
                .hasSameHashCodeAs(WxCustomMessage.text("o1", "x"))
                .isNotEqualTo(WxCustomMessage.text("o1", "y"));
        assertThat(WxCustomMessage.text("o1", "x").msgType()).isEqualTo("text");
        assertThat(WxCustomMessage.text("o1", "x").toUser()).isEqualTo("o1");
    }

    private static String mpJson(WxCustomMessage message) {
        return message.toJson(WxApiType.MP, null).toString();
    }
}
