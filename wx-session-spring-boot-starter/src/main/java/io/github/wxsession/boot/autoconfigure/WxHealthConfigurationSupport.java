package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.actuate.WxAccountsHealth;
import io.github.wxsession.boot.actuate.WxApiOutcomes;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What the {@code wx} health contributor needs on either Boot line: each account's API outcomes,
 * heard by a listener added to its client, and the collector of each account's state. Each line's
 * {@code WxHealthContributorAutoConfiguration} (in {@code src/main/boot4} or {@code src/main/boot3})
 * extends it with its conditions and the adapter to its health API.
 */
abstract class WxHealthConfigurationSupport {

    @Bean
    @ConditionalOnMissingBean
    public WxApiOutcomes wxApiOutcomes() {
        return new WxApiOutcomes(Clock.systemUTC());
    }

    /** Adds a listener, so a tracing listener of the application's keeps hearing every call too. */
    @Bean
    public WxApiConfigBuilderCustomizer wxApiOutcomesCustomizer(WxApiOutcomes wxApiOutcomes) {
        return (account, config) -> config.addCallListener(wxApiOutcomes.listenerFor(account.name(), account.appId()));
    }

    /** The collector; a removed account's API outcomes are forgotten with it. */
    @Bean
    @ConditionalOnMissingBean
    public WxAccountsHealth wxAccountsHealth(WxAccounts wxAccounts, WxApiOutcomes wxApiOutcomes,
            WxHealthProperties properties) {
        wxAccounts.addListener(wxApiOutcomes);
        return new WxAccountsHealth(wxAccounts, wxApiOutcomes, properties.getStoreTimeout());
    }
}
