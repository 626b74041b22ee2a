package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.http.WxHttpSessionInterceptor;
import io.github.wxsession.boot.http.WxHttpSessionRepository;
import io.github.wxsession.boot.http.WxHttpSessionScope;
import io.github.wxsession.boot.http.WxHttpSessionScopes;
import io.github.wxsession.boot.http.WxHttpSessionWebMvcConfigurer;
import io.github.wxsession.boot.http.WxLoginController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WxHttpSessionAutoConfigurationTest {

    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                    WxHttpSessionAutoConfiguration.class));

    private final WebApplicationContextRunner enabled = web.withPropertyValues(
            "wx.app-id=wxMini", "wx.secret=s", "wx.token=t", "wx.http-session.enabled=true");

    private final WebApplicationContextRunner twoAccounts = web.withPropertyValues("wx.http-session.enabled=true",
            "wx.accounts.mini.app-id=wxMini", "wx.accounts.mini.secret=s", "wx.accounts.mini.token=t",
            "wx.accounts.corp.type=cp", "wx.accounts.corp.app-id=wxCorp", "wx.accounts.corp.secret=s",
            "wx.accounts.corp.token=t", "wx.accounts.corp.aes-key=" + AES_KEY);

    @Test
    void offUnlessEnabledSoABotsOwnEndpointsStayOpen() {
        web.withPropertyValues("wx.app-id=wxMini", "wx.secret=s", "wx.token=t").run(context -> {
            assertThat(context).hasSingleBean(WxAccounts.class);
            assertThat(context).doesNotHaveBean(WxHttpSessionInterceptor.class);
            assertThat(context).doesNotHaveBean(WxLoginController.class);
        });
    }

    @Test
    void enabledItChecksSessionsServesLoginAndScopesNothingInMemory() {
        enabled.run(context -> {
            assertThat(context).hasSingleBean(WxHttpSessionInterceptor.class);
            assertThat(context).hasSingleBean(WxHttpSessionWebMvcConfigurer.class);
            assertThat(context).hasSingleBean(WxLoginController.class);
            assertThat(context.getBean(WxHttpSessionScopes.class).open(null, "any")).isSameAs(WxHttpSessionScope.NONE);
            assertThat(context.getBean(WxHttpSessionRepository.class).account())
                    .isSameAs(context.getBean(WxAccounts.class).single());
        });
    }

    @Test
    void notInAnApplicationThatIsNoServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                        WxHttpSessionAutoConfiguration.class))
                .withPropertyValues("wx.app-id=wxMini", "wx.secret=s", "wx.token=t", "wx.http-session.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WxHttpSessionInterceptor.class));
    }

    @Test
    void notWithoutAnAccount() {
        web.withPropertyValues("wx.http-session.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WxHttpSessionInterceptor.class));
    }

    @Test
    void loginTurnedOffLeavesTheCheckButNoEndpoint() {
        enabled.withPropertyValues("wx.http-session.login.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(WxHttpSessionInterceptor.class);
            assertThat(context).doesNotHaveBean(WxLoginController.class);
        });
    }

    @Test
    void withSeveralAccountsTheAccountMustBeNamed() {
        twoAccounts.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("wx.http-session.account").hasMessageContaining("name the one"));
    }

    @Test
    void theNamedAccountsStoreAndApiServeHttpClients() {
        twoAccounts.withPropertyValues("wx.http-session.account=mini").run(context -> {
            WxHttpSessionRepository sessions = context.getBean(WxHttpSessionRepository.class);
            assertThat(sessions.account()).isSameAs(context.getBean(WxAccounts.class).get("mini"));
        });
    }

    @Test
    void anUnknownAccountNameFailsStartupNamingTheConfiguredOnes() {
        twoAccounts.withPropertyValues("wx.http-session.account=shop").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("wx.http-session.account").hasMessageContaining("mini"));
    }

    @Test
    void aWeComAccountCannotServeLoginByCodeButCanCarrySessions() {
        twoAccounts.withPropertyValues("wx.http-session.account=corp").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("wx.http-session.login.enabled=false"));
        twoAccounts.withPropertyValues("wx.http-session.account=corp", "wx.http-session.login.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WxHttpSessionInterceptor.class));
    }

    @Test
    void theApplicationsRequestScopesReplaceTheDefault() {
        enabled.withUserConfiguration(CountingScopes.class).run(context -> assertThat(
                context.getBean(WxHttpSessionScopes.class)).isSameAs(context.getBean("countingScopes")));
    }

    @Configuration(proxyBeanMethods = false)
    static class CountingScopes {
        @Bean
        WxHttpSessionScopes countingScopes() {
            return (store, id) -> WxHttpSessionScope.NONE;
        }
    }
}
