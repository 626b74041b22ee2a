package io.github.wxsession.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.WxApiCallListener;
import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.autoconfigure.WxAccountsAutoConfiguration;
import io.github.wxsession.boot.autoconfigure.WxApiConfigBuilderCustomizer;
import io.github.wxsession.boot.autoconfigure.WxHealthContributorAutoConfiguration;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each account's state as a health check collects it, on the starter's real accounts and API
 * client talking to a fake WeChat API: the token's expiry but never the token, the last failed call
 * with its errcode, and an account that stays UP through API errors.
 */
class WxAccountsHealthTest {

    private static final String SECRET = "secret-never-shown";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String TOKEN = "ACCESS-TOKEN-never-shown";
    private static final String SEND = "cgi-bin/message/custom/send";

    private final FakeWeChatServer api = FakeWeChatServer.start();
    private final MutableClock clock = MutableClock.startingAt("2026-12-05T10:00:00Z");

    private final ApplicationContextRunner accounts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                    WxHealthContributorAutoConfiguration.class))
            .withBean(WxApiOutcomes.class, () -> new WxApiOutcomes(clock));

    private final ApplicationContextRunner runner = accounts.withPropertyValues("wx.app-id=wxHealth",
            "wx.secret=" + SECRET, "wx.token=callback-token", "wx.aes-key=" + AES_KEY,
            "wx.api.base-url=" + api.baseUri());

    WxAccountsHealthTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void beforeAnyCallAnAccountIsUpWithNoTokenAndNoApiOutcome() {
        runner.run(context -> {
            WxAccountHealth health = context.getBean(WxAccountsHealth.class).check("default");

            assertThat(health.up()).isTrue();
            assertThat(health.details()).containsExactly(
                    Map.entry("appId", "wxHealth"),
                    Map.entry("type", "mp"),
                    Map.entry("accessTokenExpiresAt", "none"),
                    Map.entry("sessionStore", Map.of("type", "memory", "reachable", true)));
        });
    }

    @Test
    void theTokensExpiryIsShownAndNothingSecretIs() {
        api.on("cgi-bin/token", FakeWeChatServer.token(TOKEN, 7200));
        runner.run(context -> {
            Instant before = Instant.now();
            context.getBean(WxService.class).getAccessToken();
            Instant after = Instant.now();

            WxAccountHealth health = context.getBean(WxAccountsHealth.class).check("default");

            Duration dueIn = Duration.ofSeconds(7200).minusMinutes(5);
            assertThat(health.accessTokenExpiresAt()).isBetween(before.plus(dueIn).minusMillis(1), after.plus(dueIn));
            assertThat(health.details()).containsEntry("accessTokenExpiresAt", health.accessTokenExpiresAt().toString())
                    .containsEntry("lastApiSuccessAt", "2026-12-05T10:00:00Z");
            assertThat(health.details().toString()).doesNotContain(TOKEN, SECRET, AES_KEY, "callback-token");
        });
    }

    @Test
    void aFailedCallIsShownWithItsErrcodePathAndTimeAndTheAccountStaysUp() {
        api.on("cgi-bin/token", FakeWeChatServer.token(TOKEN, 7200));
        api.on(SEND, FakeWeChatServer.ok(), FakeWeChatServer.error(45009, "reach max api daily quota limit"));
        runner.run(context -> {
            WxService service = context.getBean(WxService.class);
            service.sendCustomMessage(WxCustomMessage.text("oUser", "first"));
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> service.sendCustomMessage(WxCustomMessage.text("oUser", "second")))
                    .isInstanceOf(WxErrorException.class);

            WxAccountHealth health = context.getBean(WxAccountsHealth.class).check("default");

            assertThat(health.up()).as("an API error is a detail, not DOWN").isTrue();
            assertThat(health.lastApiError()).isEqualTo(new WxApiFailure(45009, "reach max api daily quota limit",
                    SEND, Instant.parse("2026-12-05T10:01:00Z")));
            assertThat(health.details()).containsEntry("lastApiError", Map.of("errcode", 45009,
                    "errmsg", "reach max api daily quota limit", "path", SEND, "at", "2026-12-05T10:01:00Z"));
            assertThat(health.details()).as("the token fetch and the first send succeeded before")
                    .containsEntry("lastApiSuccessAt", "2026-12-05T10:00:00Z");
        });
    }

    @Test
    void theApplicationsOwnCallListenerKeepsHearingEveryCall() {
        api.on("cgi-bin/token", FakeWeChatServer.error(40164, "invalid ip 203.0.113.7, not in whitelist"));
        List<String> heard = new CopyOnWriteArrayList<>();
        WxApiCallListener tracing = path -> {
            heard.add("started " + path);
            return WxApiCallListener.WxApiCall.IGNORED;
        };
        runner.withBean(WxApiConfigBuilderCustomizer.class,
                () -> (account, config) -> config.addCallListener(tracing)).run(context -> {
                    assertThatThrownBy(() -> context.getBean(WxService.class).getAccessToken())
                            .isInstanceOf(WxErrorException.class);

                    assertThat(heard).containsExactly("started cgi-bin/token");
                    assertThat(context.getBean(WxAccountsHealth.class).check("default").lastApiError())
                            .extracting(WxApiFailure::errcode, WxApiFailure::path)
                            .containsExactly(40164, "cgi-bin/token");
                });
    }

    @Test
    void accountsAreTheConfiguredOnesAtEachCheckAndAnUnknownNameHasNoState() {
        accounts.withPropertyValues("wx.accounts.shop.app-id=wxShop", "wx.accounts.shop.secret=s1",
                "wx.accounts.shop.token=t1", "wx.accounts.bot.type=aibot", "wx.accounts.bot.app-id=botId",
                "wx.accounts.bot.token=t2", "wx.accounts.bot.aes-key=" + AES_KEY).run(context -> {
                    WxAccountsHealth health = context.getBean(WxAccountsHealth.class);

                    assertThat(health.accountNames()).containsExactly("shop", "bot");
                    assertThat(health.check("bot").details()).containsEntry("appId", "botId")
                            .containsEntry("type", "aibot");
                    assertThat(health.check("default")).isNull();
                });
    }
}
