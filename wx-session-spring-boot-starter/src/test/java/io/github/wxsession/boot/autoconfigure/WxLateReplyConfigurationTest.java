package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.boot.handler.InvalidWxHandlerException;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.router.WxMessageRouter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code wx.router.reply-timeout}, {@code late-reply} and {@code @WxHandler(lateReply)}. */
class WxLateReplyConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class, WxRoutingAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wx0001", "wx.secret=s", "wx.token=tok");

    @Test
    void byDefaultALateReplyGoesOutAsACustomerServiceMessageAfterFourSeconds() {
        runner.run(context -> {
            WxMessageRouter router = WxRoutingAutoConfigurationTest.router(context);
            assertThat(router.getReplyTimeout()).isEqualTo(Duration.ofSeconds(4));
            assertThat(router.getLateReply()).isEqualTo(WxLateReply.CUSTOMER_SERVICE);
        });
    }

    @Test
    void thePropertiesSetEveryAccountsRouter() {
        runner.withPropertyValues("wx.router.reply-timeout=2500ms", "wx.router.late-reply=retries",
                "wx.router.late-reply-placeholder=Hold on.").run(context -> {
                    WxMessageRouter router = WxRoutingAutoConfigurationTest.router(context);
                    assertThat(router.getReplyTimeout()).isEqualTo(Duration.ofMillis(2500));
                    assertThat(router.getLateReply()).isEqualTo(WxLateReply.RETRIES);
                });
    }

    @Test
    void aDeadlineWeChatWouldNotWaitForFailsStartup() {
        runner.withPropertyValues("wx.router.reply-timeout=5s").run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("shorter than WeChat's own 5 s").hasStackTraceContaining("PT5S"));
    }

    @Test
    void aBlankPlaceholderFailsStartup() {
        runner.withPropertyValues("wx.router.late-reply-placeholder= ").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("placeholder must not be blank"));
    }

    @Test
    void anAsyncHandlerCannotChooseALateReplyMode() {
        runner.withUserConfiguration(AsyncWithLateReply.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(InvalidWxHandlerException.class)
                .hasMessageContaining("lateReply has no effect on an async handler"));
    }

    @Test
    void aHandlerChoosesOneModeAtMost() {
        runner.withUserConfiguration(TwoModes.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(InvalidWxHandlerException.class)
                .hasMessageContaining("lateReply takes one mode at most"));
    }

    @Configuration(proxyBeanMethods = false)
    static class AsyncWithLateReply {
        @Bean
        AsyncLater handlers() {
            return new AsyncLater();
        }
    }

    static class AsyncLater {
        @WxHandler(async = true, lateReply = WxLateReply.RETRIES)
        public String later() {
            return "later";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoModes {
        @Bean
        Undecided handlers() {
            return new Undecided();
        }
    }

    static class Undecided {
        @WxHandler(lateReply = {WxLateReply.RETRIES, WxLateReply.CUSTOMER_SERVICE})
        public String undecided() {
            return "?";
        }
    }
}
