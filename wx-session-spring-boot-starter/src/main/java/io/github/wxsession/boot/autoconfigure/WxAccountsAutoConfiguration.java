package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxConfigStorageFactory;
import io.github.wxsession.boot.account.WxServiceFactory;
import io.github.wxsession.boot.account.WxSessionStoreFactory;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSessionListener;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import io.github.wxsession.token.WxConfigStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The configured accounts, each with its token storage, API client and session store. Every
 * piece comes from a factory bean the application may replace; to change a setting or two of the
 * starter's own pieces, declare a {@link WxApiConfigBuilderCustomizer} or an
 * {@link InMemoryWxSessionStoreBuilderCustomizer} instead.
 */
@AutoConfiguration
@EnableConfigurationProperties({WxAccountsProperties.class, WxApiProperties.class, WxCallbackProperties.class,
        WxSessionStoreProperties.class})
@Conditional(OnWxAccountsCondition.class)
public class WxAccountsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxServiceFactory wxServiceFactory(WxApiProperties api, ObjectProvider<WxMetrics> metrics,
            ObjectProvider<WxApiConfigBuilderCustomizer> customizers) {
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        return (account, storage) -> {
            WxApiConfig.Builder config = WxApiConfig.builder()
                    .type(account.apiType())
                    .agentId(account.agentId())
                    .refreshListener(meters.refreshListener(account.name()));
            PropertyMapper map = PropertyMapper.get();
            map.from(api::isStableToken).to(config::stableToken);
            map.from(api::getConnectTimeout).to(config::connectTimeout);
            map.from(api::getReadTimeout).to(config::readTimeout);
            // Not Source.as(...): its parameter type differs between Boot 3.5 and 4, and one jar serves both.
            map.from(api::getRetryBackoff).to(backoff -> config.retrySleepMillis(backoff.toMillis()));
            map.from(api::getMaxRetries).to(config::maxRetryTimes);
            // wx.api.base-url, or the account's own api-base-url, already resolved into the settings.
            map.from(account::apiBaseUrl).when(Objects::nonNull).to(config::baseUri);
            customizers.orderedStream().forEach(customizer -> customizer.customize(account, config));
            return new HttpWxService(config.build(), storage);
        };
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public WxAccounts wxAccounts(WxAccountsProperties properties, WxApiProperties api,
            WxCallbackProperties callback, WxConfigStorageFactory configStorages,
            WxServiceFactory services, WxSessionStoreFactory sessionStores, ObjectProvider<WxMetrics> metrics,
            ObjectProvider<WxSessionListener> listeners) {
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        List<WxAccount> accounts = new ArrayList<>();
        for (WxAccountSettings settings : WxAccountSettingsBinder.bind(properties, api, callback)) {
            WxConfigStorage storage = configStorages.create(settings);
            WxSessionStore sessions = sessionStores.create(settings);
            listeners.orderedStream().forEach(sessions::addListener);
            meters.sessionStoreCreated(settings.name(), sessions);
            accounts.add(new WxAccount(settings, storage, services.create(settings, storage), sessions));
        }
        return new WxAccounts(accounts);
    }

    /** Tokens and sessions in this JVM: the default, {@code wx.session.store-type=memory}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wx.session.store-type", havingValue = "memory", matchIfMissing = true)
    static class InMemoryStores {

        @Bean
        @ConditionalOnMissingBean
        WxConfigStorageFactory wxConfigStorageFactory() {
            return account -> InMemoryWxConfigStorage.builder()
                    .appId(account.appId())
                    .secret(account.secret())
                    .token(account.token())
                    .aesKey(account.aesKey())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        WxSessionStoreFactory wxSessionStoreFactory(WxSessionStoreProperties properties,
                ObjectProvider<InMemoryWxSessionStoreBuilderCustomizer> customizers) {
            SessionStoreSettings settings = new SessionStoreSettings(properties);
            return account -> {
                InMemoryWxSessionStore.Builder store = InMemoryWxSessionStore.builder();
                settings.applyTo(store::defaultMaxInactiveInterval, store::sweepInterval, store::maxActiveSessions);
                customizers.orderedStream().forEach(customizer -> customizer.customize(account, store));
                return store.build();
            };
        }
    }

    /** The single account's pieces as beans, for applications configured with {@code wx.app-id}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("wx.app-id")
    static class SingleAccount {

        @Bean
        @ConditionalOnMissingBean
        WxService wxService(WxAccounts accounts) {
            return accounts.single().service();
        }

        @Bean
        @ConditionalOnMissingBean
        WxConfigStorage wxConfigStorage(WxAccounts accounts) {
            return accounts.single().configStorage();
        }

        // WxAccounts closes the store; no inferred destroy method here.
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        WxSessionStore wxSessionStore(WxAccounts accounts) {
            return accounts.single().sessionStore();
        }
    }
}
