package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.WeChatCallbackClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wx.* meters as a conversation goes through the real callback. */
@SpringBootTest(classes = {CallbackTestApplication.class, CallbackMetricsTest.Registry.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxMetrics", "wx.secret=secret", "wx.token=metrics-token"})
class CallbackMetricsTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry registry;

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void aConversationIsCountedTimedAndItsSessionsWatched() throws Exception {
        WeChatCallbackClient weChat = new WeChatCallbackClient(port, "/wx/callback", "metrics-token");
        String first = WeChatCallbackClient.text(990001L, "oMeter", "count");

        weChat.postPlain(first);
        weChat.postPlain(first);
        weChat.postPlain(WeChatCallbackClient.text("oMeter", "quiet"));
        weChat.post("signature=forged&timestamp=1&nonce=2", "<xml/>".getBytes());

        // Every verified delivery counts as received, retries included; the retry is answered with the cached reply.
        assertThat(registry.get("wx.messages.received").tags("account", "default", "type", "text").counter().count())
                .isEqualTo(3);
        assertThat(registry.get("wx.messages.replies").tag("account", "default").counter().count()).isEqualTo(2);
        assertThat(registry.get("wx.messages.duplicates").tag("outcome", "handled").counter().count()).isEqualTo(1);
        assertThat(registry.get("wx.messages.rejected").tag("reason", "signature").counter().count()).isEqualTo(1);
        assertThat(registry.get("wx.handler.duration").tags("handler", "Handlers.count(WxSession, Integer)",
                "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("wx.sessions.active").tag("account", "default").gauge().value()).isEqualTo(1);
        assertThat(registry.get("wx.sessions.created").tag("account", "default").counter().count()).isEqualTo(1);
    }
}
