package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.metrics.MicrometerWxMetrics;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.session.WxSessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WxMetricsAutoConfigurationTest {

    private final FakeWeChatServer api = FakeWeChatServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxMetricsAutoConfiguration.class,
                    WxAccountsAutoConfiguration.class, WxRoutingAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wx0001", "wx.secret=s", "wx.token=tok",
                    "wx.api.base-url=" + api.baseUri());

    WxMetricsAutoConfigurationTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void withARegistryTokenRefreshesAndSessionEndsAreCounted() {
        api.on("cgi-bin/token", FakeWeChatServer.error(40013, "invalid appid"), FakeWeChatServer.token("T1", 7200));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).getBean(WxMetrics.class).isInstanceOf(MicrometerWxMetrics.class);
            WxService service = context.getBean(WxService.class);
            try {
                service.getAccessToken();
            } catch (Exception expected) {
                // the first answer is an error
            }
            service.getAccessToken();
            context.getBean(WxSessionStore.class).getSession("u").invalidate();

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("wx.token.refreshes").tags("type", "access-token", "outcome", "failure")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("wx.token.refreshes").tags("type", "access-token", "outcome", "success")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("wx.sessions.destroyed").tags("account", "default", "reason", "invalidated")
                    .counter().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutARegistryNothingIsMeasured() {
        runner.run(context -> assertThat(context.getBean(WxMetrics.class)).isSameAs(WxMetrics.NONE));
    }

    @Test
    void withoutMicrometerTheStarterStillWorks() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WxMetrics.class);
            assertThat(context).hasSingleBean(WxService.class);
        });
    }
}
