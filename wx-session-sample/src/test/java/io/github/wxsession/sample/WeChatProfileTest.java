package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.emulator.WxEmulatorAutoConfiguration;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** The README's "connect a real account" profile: the account from outside, no emulator, WeChat's API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"wx.app-id=wx0123456789abcdef", "wx.secret=real-secret", "wx.token=realToken"})
@ActiveProfiles("wechat")
class WeChatProfileTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    WxAccounts accounts;

    @Test
    void talksToWeChatInsteadOfTheEmulator() {
        assertThat(context.getBeanNamesForType(WxEmulatorAutoConfiguration.class)).as("emulator off").isEmpty();
        WxAccount account = accounts.single();
        assertThat(account.appId()).isEqualTo("wx0123456789abcdef");
        assertThat(((HttpWxService) account.client()).getConfig().baseUri())
                .isEqualTo(URI.create("https://api.weixin.qq.com/"));
    }
}
