package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.actuate.WxAccountsHealth;
import io.github.wxsession.boot.actuate.WxApiOutcomes;
import io.github.wxsession.boot.actuate.WxInfoContributor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health and info contributors come with Spring Boot Actuator and go without it, leaving the
 * starter as it was. Written against bean names, so the same test runs on both Boot lines, whose
 * health APIs differ.
 */
class WxActuatorAutoConfigurationTest {

    /** Boot 3.5's health and info API, and Boot 4's health API. */
    private static final FilteredClassLoader WITHOUT_ACTUATOR = new FilteredClassLoader(
            "org.springframework.boot.actuate.", "org.springframework.boot.health.");

    private final FakeWeChatServer api = FakeWeChatServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                    WxHealthContributorAutoConfiguration.class, WxInfoContributorAutoConfiguration.class));

    private final ApplicationContextRunner oneAccount = runner.withPropertyValues("wx.app-id=wx0001", "wx.secret=s",
            "wx.token=tok", "wx.api.base-url=" + api.baseUri());

    WxActuatorAutoConfigurationTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void withActuatorTheWxHealthAndInfoContributorsAreThere() {
        oneAccount.run(context -> {
            assertThat(context).hasBean("wxHealthContributor").hasSingleBean(WxAccountsHealth.class)
                    .hasSingleBean(WxApiOutcomes.class);
            assertThat(context.getBean(WxInfoContributor.class).info()).isEqualTo(Map.of(
                    "storeType", "memory",
                    "callbackPath", "/wx/callback",
                    "accounts", List.of(Map.of("name", "default", "appId", "wx0001", "type", "mp"))));
        });
    }

    @Test
    void infoShowsEveryAccountTheStoreTypeAndTheCallbackPathAsConfigured() {
        runner.withPropertyValues("wx.callback.path=/hooks/wechat",
                "wx.accounts.shop.app-id=wxShop", "wx.accounts.shop.secret=s1", "wx.accounts.shop.token=t1",
                "wx.accounts.corp.type=cp", "wx.accounts.corp.app-id=wwCorp", "wx.accounts.corp.secret=s2",
                "wx.accounts.corp.token=t2", "wx.accounts.corp.aes-key=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
                .run(context -> assertThat(context.getBean(WxInfoContributor.class).info())
                        .containsEntry("callbackPath", "/hooks/wechat")
                        .containsEntry("accounts", List.of(
                                Map.of("name", "shop", "appId", "wxShop", "type", "mp"),
                                Map.of("name", "corp", "appId", "wwCorp", "type", "cp"))));
    }

    @Test
    void eachContributorCanBeTurnedOffAsSpringBootsOwnAre() {
        oneAccount.withPropertyValues("management.health.wx.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("wxHealthContributor").doesNotHaveBean(WxApiOutcomes.class);
            assertThat(context).hasSingleBean(WxInfoContributor.class);
        });
        oneAccount.withPropertyValues("management.info.wx.enabled=false").run(context -> {
            assertThat(context).hasBean("wxHealthContributor");
            assertThat(context).doesNotHaveBean(WxInfoContributor.class);
        });
    }

    @Test
    void withoutActuatorTheStarterWorksUnchanged() {
        api.on("cgi-bin/token", FakeWeChatServer.token("T1", 7200));
        oneAccount.withClassLoader(WITHOUT_ACTUATOR).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("wxHealthContributor").doesNotHaveBean("wxInfoContributor")
                    .doesNotHaveBean(WxApiOutcomes.class).doesNotHaveBean(WxAccountsHealth.class);
            assertThat(context.getBean(WxService.class).getAccessToken()).isEqualTo("T1");
        });
    }

    @Test
    void withoutAnAccountNothingIsAdded() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("wxHealthContributor").doesNotHaveBean("wxInfoContributor");
        });
    }
}
