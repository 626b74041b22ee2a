package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxSessionStoreFactory;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxConfigStorage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WxAccountsAutoConfigurationTest {

    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class));

    private final ApplicationContextRunner singleAccount = runner.withPropertyValues(
            "wx.app-id=wx0001", "wx.secret=s3cret", "wx.token=tok");

    @Test
    void withoutAnAccountTheStarterStaysOut() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WxAccounts.class);
            assertThat(context).doesNotHaveBean(WxService.class);
        });
    }

    @Test
    void oneAccountGetsItsServiceStorageAndSessionsAsBeans() {
        singleAccount.run(context -> {
            WxAccount account = context.getBean(WxAccounts.class).single();
            assertThat(account.name()).isEqualTo("default");
            assertThat(account.appId()).isEqualTo("wx0001");
            assertThat(account.type()).isEqualTo(WxAccountType.MP);
            assertThat(account.crypt()).as("no aes-key: plain mode only").isNull();
            assertThat(context.getBean(WxService.class)).isSameAs(account.service());
            assertThat(account.client()).isInstanceOf(HttpWxService.class);
            assertThat(context.getBean(WxConfigStorage.class).getSecret()).isEqualTo("s3cret");
            assertThat(context.getBean(WxSessionStore.class)).isSameAs(account.sessionStore())
                    .isInstanceOf(InMemoryWxSessionStore.class);
        });
    }

    @Test
    void sessionTimeoutAndApiBaseUrlComeFromProperties() {
        singleAccount.withPropertyValues("wx.session.timeout=5m", "wx.api.base-url=http://127.0.0.1:9/wx")
                .run(context -> {
                    WxSessionStore store = context.getBean(WxSessionStore.class);
                    assertThat(store.getSession("u").getMaxInactiveInterval()).isEqualTo(300);
                    HttpWxService service = (HttpWxService) context.getBean(WxAccounts.class).single().client();
                    assertThat(service.getConfig().baseUri()).hasToString("http://127.0.0.1:9/wx/");
                });
    }

    @Test
    void weComAccountDefaultsToTheWeComApiHost() {
        singleAccount.withPropertyValues("wx.type=cp", "wx.aes-key=" + AES_KEY).run(context -> {
            HttpWxService service = (HttpWxService) context.getBean(WxAccounts.class).single().client();
            assertThat(service.getConfig().type()).isEqualTo(WxApiType.CP);
            assertThat(service.getConfig().baseUri()).hasToString("https://qyapi.weixin.qq.com/");
            assertThat(context.getBean(WxAccounts.class).single().crypt()).isNotNull();
        });
    }

    @Test
    void sessionStoresRunWithTheContextAndCloseWithIt() {
        singleAccount.run(context -> {
            InMemoryWxSessionStore store = (InMemoryWxSessionStore) context.getBean(WxSessionStore.class);
            context.start();
            assertThat(store.isRunning()).isTrue();
            context.close();
            assertThat(store.isRunning()).isFalse();
        });
    }

    @Test
    void missingTokenFailsStartupNamingTheProperty() {
        runner.withPropertyValues("wx.app-id=wx0001", "wx.secret=s").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("wx.token").hasMessageContaining("token is required"));
    }

    @Test
    void aesKeyOfTheWrongLengthFailsStartupWithoutEchoingTheKey() {
        singleAccount.withPropertyValues("wx.aes-key=tooShortKey42").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("wx.aes-key").hasMessageContaining("43")
                .hasMessageNotContaining("tooShortKey42"));
    }

    @Test
    void unknownTypeFailsStartupNamingTheProperty() {
        singleAccount.withPropertyValues("wx.type=xx").run(context -> assertThat(causeChain(context.getStartupFailure()))
                .contains("Failed to bind properties under 'wx.type'"));
    }

    @Test
    void missingSecretFailsStartupNamingTheProperty() {
        runner.withPropertyValues("wx.app-id=wx0001", "wx.token=t").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("wx.secret"));
    }

    @Test
    void weComWithoutAesKeyFailsStartup() {
        singleAccount.withPropertyValues("wx.type=cp").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("wx.aes-key").hasMessageContaining("WeCom"));
    }

    @Test
    void requiringEncryptionWithoutAnAesKeyFailsStartupNamingTheProperty() {
        singleAccount.withPropertyValues("wx.callback.require-encryption=true").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("wx.aes-key").hasMessageContaining("require"));
        singleAccount.withPropertyValues("wx.callback.require-encryption=true", "wx.aes-key=" + AES_KEY)
                .run(context -> assertThat(context.getBean(WxAccounts.class).single().settings().requireEncryption())
                        .isTrue());
    }

    @Test
    void severalAccountsAreServedByName() {
        runner.withPropertyValues(
                "wx.accounts.shop.app-id=wxShop", "wx.accounts.shop.secret=s1", "wx.accounts.shop.token=t1",
                "wx.accounts.corp.type=cp", "wx.accounts.corp.app-id=wwCorp", "wx.accounts.corp.secret=s2",
                "wx.accounts.corp.token=t2",
                "wx.accounts.corp.aes-key=" + AES_KEY, "wx.accounts.corp.api-base-url=http://127.0.0.1:9/")
                .run(context -> {
                    WxAccounts accounts = context.getBean(WxAccounts.class);
                    assertThat(accounts.all()).extracting(WxAccount::name).containsExactly("shop", "corp");
                    assertThat(accounts.findByAppId("wwCorp").type()).isEqualTo(WxAccountType.CP);
                    assertThat(accounts.get("shop").sessionStore()).isNotSameAs(accounts.get("corp").sessionStore());
                    assertThat(((HttpWxService) accounts.get("corp").client()).getConfig().baseUri())
                            .hasToString("http://127.0.0.1:9/");
                    assertThat(context).doesNotHaveBean(WxService.class);
                });
    }

    @Test
    void anAccountMissingItsTokenIsNamedInTheFailure() {
        runner.withPropertyValues("wx.accounts.shop.app-id=wxShop", "wx.accounts.shop.secret=s").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("wx.accounts.shop.token"));
    }

    @Test
    void twoAccountsWithOneAppIdFailStartup() {
        runner.withPropertyValues("wx.accounts.a.app-id=wxSame", "wx.accounts.a.secret=s",
                "wx.accounts.a.token=t", "wx.accounts.b.app-id=wxSame", "wx.accounts.b.secret=s", "wx.accounts.b.token=t")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("wx.accounts.b.app-id").hasMessageContaining("same app id"));
    }

    @Test
    void singleAndSeveralAccountsTogetherFailStartup() {
        singleAccount.withPropertyValues("wx.accounts.a.app-id=wxA", "wx.accounts.a.token=t")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("not both"));
    }

    @Test
    void anApplicationFactoryReplacesTheDefaultOne() {
        singleAccount.withUserConfiguration(CustomSessions.class).run(context -> {
            assertThat(context.getBean(WxSessionStore.class).getSession("u").getMaxInactiveInterval()).isEqualTo(42);
        });
    }

    private static String causeChain(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomSessions {

        @Bean
        WxSessionStoreFactory customSessionStores() {
            return account -> InMemoryWxSessionStore.builder()
                    .defaultMaxInactiveInterval(Duration.ofSeconds(42))
                    .build();
        }
    }
}
