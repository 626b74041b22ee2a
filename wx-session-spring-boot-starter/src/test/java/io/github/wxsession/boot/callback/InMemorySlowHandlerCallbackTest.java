package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.test.WeChatCallbackClient;
import io.github.wxsession.test.WeChatDeliveries;
import io.github.wxsession.test.WeChatDeliveries.Delivery;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slow handlers on one instance with in-memory sessions; and once at WeChat's real pace. */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxSlowApp", "wx.secret=secret", "wx.token=" + SlowHandlerCallbackContract.TOKEN,
                "wx.router.reply-timeout=600ms", "wx.router.duplicate-wait=600ms"})
class InMemorySlowHandlerCallbackTest extends SlowHandlerCallbackContract {

    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ThinkingHandlers handlers;

    @AfterAll
    static void stopApi() {
        WECHAT_API.close();
    }

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add("wx.api.base-url", () -> WECHAT_API.baseUri().toString());
    }

    @Override
    WeChatCallbackClient[] instances() {
        return new WeChatCallbackClient[] {new WeChatCallbackClient(port, "/wx/callback", TOKEN)};
    }

    @Override
    FakeWeChatServer api() {
        return WECHAT_API;
    }

    @Override
    int runs() {
        return handlers.runs.get();
    }

    @Test
    void atWeChatsOwnPaceAFiveSecondHandlerIsAnsweredByCustomerServiceWithoutARetry() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CallbackTestApplication.class)
                .properties("server.port=0", "wx.app-id=wxSlowApp", "wx.secret=secret", "wx.token=" + TOKEN,
                        "wx.api.base-url=" + WECHAT_API.baseUri())
                .run()) {
            WeChatCallbackClient instance = new WeChatCallbackClient(
                    Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), "/wx/callback", TOKEN);
            CountDownLatch sent = new CountDownLatch(1);
            WECHAT_API.on(CUSTOM_SEND, FakeWeChatServer.after(sent::countDown, FakeWeChatServer.ok()));

            Delivery delivery = new WeChatDeliveries(instance).deliver(WeChatCallbackClient.text("oPaced", "think 5000"));

            assertThat(delivery.attempts()).as("answered within WeChat's 5 s").hasSize(1);
            assertThat(delivery.answer()).isEqualTo("success");
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(WECHAT_API.lastCall(CUSTOM_SEND).body()).contains("Thought for 5000 ms");
            assertThat(app.getBean(ThinkingHandlers.class).runs).hasValue(1);
        }
    }
}
