package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.http.WxHttpSessionRepository;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * The README's command for running the sample as a WeCom app, exactly as written: the account in
 * environment variables (WX_TYPE=cp, WX_AGENT_ID, WX_API_BASE_URL besides the four of an Official
 * Account) and the {@code wechat} profile. The variables are handed to the application as its
 * system environment, so Spring's relaxed binding reads them as it would from a shell.
 */
class WeComCommandLineTest {

    @Test
    void theSampleStartsAsAWeComAppWithoutTheMiniProgramLogin() {
        Map<String, Object> shell = new HashMap<>(System.getenv());
        shell.put("WX_APP_ID", "ww0123456789abcdef");
        shell.put("WX_SECRET", "corp-secret");
        shell.put("WX_TOKEN", "corpToken");
        shell.put("WX_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
        shell.put("WX_TYPE", "cp");
        shell.put("WX_AGENT_ID", "1000002");
        shell.put("WX_API_BASE_URL", "https://qyapi.weixin.qq.com/");
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return shell;
            }
        };

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
                .environment(environment).profiles("wechat").properties("server.port=0").run()) {
            WxAccount account = app.getBean(WxAccounts.class).single();
            assertThat(account.type()).isEqualTo(WxAccountType.CP);
            assertThat(account.appId()).isEqualTo("ww0123456789abcdef");
            assertThat(account.settings().agentId()).isEqualTo(1000002);
            assertThat(((HttpWxService) account.client()).getConfig().baseUri())
                    .isEqualTo(URI.create("https://qyapi.weixin.qq.com/"));
            assertThat(app.getBeanNamesForType(WxHttpSessionRepository.class)).as("no mini-program login").isEmpty();
            assertThat(app.getBeanNamesForType(MeController.class)).isEmpty();
        }
    }
}
