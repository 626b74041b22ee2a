package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.autoconfigure.WxAccountsAutoConfiguration;
import io.github.wxsession.boot.autoconfigure.WxCallbackAutoConfiguration;
import io.github.wxsession.boot.autoconfigure.WxRoutingAutoConfiguration;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class WxEmulatorAutoConfigurationTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(WxAccountsAutoConfiguration.class,
            WxRoutingAutoConfiguration.class, WxCallbackAutoConfiguration.class, WxEmulatorAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(STARTER).withPropertyValues("wx.app-id=wx0001", "wx.secret=s", "wx.token=tok");

    @Test
    void isOffByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EmulatorController.class);
            assertThat(context).doesNotHaveBean(FakeWeChatApi.class);
        });
    }

    @Test
    void isOnWithTheProperty() {
        runner.withPropertyValues("wx.emulator.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(EmulatorController.class);
            assertThat(context).hasSingleBean(FakeWeChatApi.class);
            assertThat(context).hasSingleBean(Inboxes.class);
            assertThat(context).hasSingleBean(EmulatedWeChatServer.class);
            assertThat(context.getBean(WxEmulatorProperties.class).isAllowRemote()).isFalse();
            assertThat(context.getBean(WxEmulatorProperties.class).getPath()).isEqualTo("/wx-emulator");
        });
    }

    @Test
    void closingTheContextStopsTheDeliveries() {
        runner.withPropertyValues("wx.emulator.enabled=true").run(context -> {
            EmulatedWeChatServer weChat = context.getBean(EmulatedWeChatServer.class);
            WxAccount account = context.getBean(WxAccounts.class).single();

            context.close();

            // Retries would otherwise go on posting to a callback that is gone.
            assertThatThrownBy(() -> weChat.deliver(account, "oUser-alice", new PhoneAction(PhoneAction.Kind.TEXT,
                    "hi", null), false, URI.create("http://127.0.0.1:9/wx/callback")))
                    .isInstanceOf(RejectedExecutionException.class);
        });
    }

    @Test
    void staysOffWhenTheEnabledPropertyIsFalse() {
        runner.withPropertyValues("wx.emulator.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmulatorController.class));
    }

    @Test
    void needsAServletWebApplication() {
        new ApplicationContextRunner().withConfiguration(STARTER)
                .withPropertyValues("wx.app-id=wx0001", "wx.secret=s", "wx.token=tok", "wx.emulator.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmulatorController.class));
    }

    @Test
    void needsAnAccountToEmulate() {
        new WebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("wx.emulator.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmulatorController.class));
    }

    @Test
    void aPathThatIsNotAPlainPathFailsStartupNamingTheProperty() {
        runner.withPropertyValues("wx.emulator.enabled=true", "wx.emulator.path=/emulator/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("wx.emulator.path");
        });
    }
}
