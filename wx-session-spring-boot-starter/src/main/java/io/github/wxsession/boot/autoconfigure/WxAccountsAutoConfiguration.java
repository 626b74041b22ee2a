package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.WxProperties;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountSettingsBinder;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The configured accounts, each with its token storage, API client and session store. Every
 * piece comes from a factory bean the application may replace.
 */
@AutoConfiguration
@EnableConfigurationProperties(WxProperties.class)
@Conditional(OnWxAccountsCondition.class)
public class WxAccountsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxServiceFactory wxServiceFactory(WxProperties properties, ObjectProvider<WxMetrics> metrics) {
        WxProperties.Api api = properties.getApi();
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        return (account, storage) -> {
            WxApiConfig.Builder config = WxApiConfig.builder()
                    .type(account.type())
                    .stableToken(api.isStableToken())
                    .connectTimeout(api.getConnectTimeout())
                    .readTimeout(api.getReadTimeout())
                    .retrySleepMillis(api.getRetryBackoff().toMillis())
                    .maxRetryTimes(api.getMaxRetries())
                    .agentId(account.agentId())
                    .refreshListener(meters.refreshListener(account.name()));
            if (account.apiBaseUrl() != null) {
                config.baseUri(account.apiBaseUrl());
            }
            return new HttpWxService(config.build(), storage);
        };
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public WxAccounts wxAccounts(WxProperties properties, WxConfigStorageFactory configStorages,
            WxServiceFactory services, WxSessionStoreFactory sessionStores, ObjectProvider<WxMetrics> metrics,
            ObjectProvider<WxSessionListener> listeners) {
        WxMetrics meters = metrics.getIfAvailable(() -> WxMetrics.NONE);
        List<WxAccount> accounts = new ArrayList<>();
        for (WxAccountSettings settings : WxAccountSettingsBinder.bind(properties)) {
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
        WxSessionStoreFactory wxSessionStoreFactory(WxProperties properties) {
            WxProperties.Session session = properties.getSession();
            return account -> {
                InMemoryWxSessionStore.Builder store = InMemoryWxSessionStore.builder()
                        .defaultMaxInactiveInterval(session.getTimeout())
                        .sweepInterval(session.getSweepInterval());
                if (session.getMaxActive() != null) {
                    store.maxActiveSessions(session.getMaxActive());
                }
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
