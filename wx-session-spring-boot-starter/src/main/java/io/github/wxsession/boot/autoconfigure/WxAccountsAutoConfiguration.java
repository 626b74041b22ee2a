package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountListener;
import io.github.wxsession.boot.account.WxAccountRepository;
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
import java.net.http.HttpClient;
import java.time.Clock;
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
        WxSessionStoreProperties.class, WxAccountCacheProperties.class})
@Conditional(OnWxAccountsOrRepositoryCondition.class)
public class WxAccountsAutoConfiguration {

    /**
     * Every account's API client sends through one JDK {@link HttpClient}, with the connect
     * timeout of {@code wx.api.connect-timeout}: a thousand accounts hold one connection pool
     * and one selector thread, not a thousand.
     */
    @Bean
    @ConditionalOnMissingBean
    public WxServiceFactory wxServiceFactory(WxApiProperties api, ObjectProvider<WxMetrics> metrics,
            ObjectProvider<WxApiConfigBuilderCustomizer> customizers) {
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        HttpClient http = HttpClient.newBuilder().connectTimeout(api.getConnectTimeout()).build();
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
            // The account's own api-base-url (resolved from wx.api.base-url for configured accounts),
            // else wx.api.base-url for a repository's account that has none.
            String baseUrl = account.apiBaseUrl() != null ? account.apiBaseUrl() : api.getBaseUrl();
            map.from(baseUrl).when(Objects::nonNull).to(config::baseUri);
            customizers.orderedStream().forEach(customizer -> customizer.customize(account, config));
            return new HttpWxService(config.build(), storage, http);
        };
    }

    /**
     * The accounts, from the application's {@link WxAccountRepository} if it declares one, else
     * those of {@code application.yml}; each gets the application's session listeners and meters.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public WxAccounts wxAccounts(WxAccountsProperties properties, WxApiProperties api,
            WxCallbackProperties callback, WxAccountCacheProperties cache, ObjectProvider<WxAccountRepository> repository,
            WxConfigStorageFactory configStorages, WxServiceFactory services, WxSessionStoreFactory sessionStores,
            ObjectProvider<WxMetrics> metrics, ObjectProvider<WxSessionListener> listeners) {
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        WxAccountRepository accounts = repository.getIfAvailable(
                () -> WxAccountRepository.of(WxAccountSettingsBinder.bind(properties, api, callback)));
        WxAccountListener setup = new WxAccountListener() {
            @Override
            public void added(WxAccount account) {
                listeners.orderedStream().forEach(account.sessionStore()::addListener);
                meters.sessionStoreCreated(account.name(), account.sessionStore());
            }

            @Override
            public void removed(WxAccount account) {
                meters.accountRemoved(account.name());
            }
        };
        return new WxAccounts(accounts, configStorages, services, sessionStores, setup, cache.getRefreshAfter(),
                cache.getMaxUnknown(), Clock.systemUTC());
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
