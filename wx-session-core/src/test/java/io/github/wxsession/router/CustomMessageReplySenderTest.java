package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomMessageReplySenderTest {

    private static final String CUSTOM_SEND = "cgi-bin/message/custom/send";

    private final FakeWeChatServer weChat = FakeWeChatServer.start();
    private final InMemoryWxConfigStorage storage = InMemoryWxConfigStorage.builder().appId("wxapp").secret("s").build();
    private final HttpWxService service = new HttpWxService(
            WxApiConfig.builder().baseUri(weChat.baseUri()).build(), storage);

    CustomMessageReplySenderTest() throws Exception {
        storage.updateAccessToken("T1", 7200);
    }

    @AfterEach
    void stop() {
        weChat.close();
    }

    @Test
    void asyncRuleReplyReachesTheUserThroughTheCustomerServiceApi() throws Exception {
        CountDownLatch delivered = new CountDownLatch(1);
        weChat.on(CUSTOM_SEND, FakeWeChatServer.after(delivered::countDown, FakeWeChatServer.ok()));
        WxMessageRouter router = new WxMessageRouter(service);
        router.setAsyncReplySender(new CustomMessageReplySender(service));
        router.rule().async().content("later")
                .handler((message, context, wx, sessions) -> WxXmlOutMessage.replyTo(message).text("Later reply."))
                .end();
        try {
            WxXmlOutMessage passive = router.route(Messages.text(1L, "oUser42", "later"));

            assertThat(passive).as("an async rule answers WeChat with no passive reply").isNull();
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(weChat.lastCall(CUSTOM_SEND).body())
                    .isEqualTo("{\"touser\":\"oUser42\",\"msgtype\":\"text\",\"text\":{\"content\":\"Later reply.\"}}");
        } finally {
            router.close();
        }
    }

    @Test
    void everyReplyThatCanBeSentLaterMapsToTheSameCustomerServiceMessage() {
        assertThat(CustomMessageReplySender.toCustomMessage("u", new WxReplyBody.Image("m1")))
                .isEqualTo(WxCustomMessage.image("u", "m1"));
        assertThat(CustomMessageReplySender.toCustomMessage("u", new WxReplyBody.Voice("m2")))
                .isEqualTo(WxCustomMessage.voice("u", "m2"));
        assertThat(CustomMessageReplySender.toCustomMessage("u", new WxReplyBody.Video("m3", "t", "d")))
                .isEqualTo(WxCustomMessage.video("u", "m3", null, "t", "d"));
        WxReplyBody.Music music = WxReplyBody.Music.builder().title("t").description("d").musicUrl("http://m")
                .hqMusicUrl("http://hq").thumbMediaId("thumb").build();
        assertThat(CustomMessageReplySender.toCustomMessage("u", music))
                .isEqualTo(WxCustomMessage.music("u", "t", "d", "http://m", "http://hq", "thumb"));
    }

    @Test
    void newsArticlesKeepTheirLinkAndPicture() {
        WxReplyBody.News news = new WxReplyBody.News(List.of(
                new WxReplyBody.Article("title", "desc", "http://pic", "http://link")));

        assertThat(CustomMessageReplySender.toCustomMessage("u", news)).isEqualTo(WxCustomMessage.news("u",
                List.of(new WxCustomMessage.Article("title", "desc", "http://link", "http://pic"))));
    }

    @Test
    void transferToTheServiceQueueCannotBeSentLater() {
        assertThatIllegalArgumentException().isThrownBy(() -> CustomMessageReplySender.toCustomMessage("u",
                new WxReplyBody.TransferCustomerService(null))).withMessageContaining("passive reply");
    }
}
