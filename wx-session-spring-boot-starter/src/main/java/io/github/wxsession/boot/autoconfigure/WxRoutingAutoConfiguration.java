package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.aibot.InMemoryWxStreamStore;
import io.github.wxsession.aibot.WxStreamStore;
import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.boot.routing.WxAsyncExecutors;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.router.InMemoryWxMessageGate;
import io.github.wxsession.router.WxMessageExceptionHandler;
import io.github.wxsession.router.WxMessageRouter;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A router per account, built from the application's {@code @WxHandler} methods, and the
 * gate that makes each message handled exactly once and one message of a sender at a time.
 * {@link WxMessageRouterCustomizer} beans adjust each router after {@code wx.router.*}.
 */
@AutoConfiguration(after = WxAccountsAutoConfiguration.class)
@ConditionalOnBean(WxAccounts.class)
@EnableConfigurationProperties(WxRouterProperties.class)
public class WxRoutingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxMessageRouters wxMessageRouters(ConfigurableListableBeanFactory beanFactory, WxAccounts accounts,
            WxRouterProperties router, WxMessageGateFactory gates, Environment environment,
            ObjectProvider<WxMessageExceptionHandler> exceptionHandler, ObjectProvider<WxMetrics> metrics,
            ObjectProvider<WxMessageRouterCustomizer> customizers, WxStreams streams,
            ObjectProvider<WxObservations> observations) {
        WxObservations observed = observations.getIfAvailable(() -> WxObservations.NONE);
        WxAsyncExecutors asyncExecutors = new WxAsyncExecutors(router.getAsyncConcurrency(),
                router.getAsyncQueueCapacity(), WxAsyncExecutors.virtualThreadsActive(environment));
        return new WxMessageRouters(beanFactory, accounts, gates, exceptionHandler.getIfAvailable(),
                observed.executor(asyncExecutors.create()), router.getAsyncShutdownTimeout(),
                metrics.getIfAvailable(() -> WxMetrics.NONE), customizer(router, customizers), streams, observed);
    }

    /**
     * The WeCom AI bot's streamed replies, in the {@link WxStreamStore} bean if there is one
     * (Redis mode defines it), else in this JVM.
     */
    @Bean
    @ConditionalOnMissingBean
    public WxStreams wxStreams(ObjectProvider<WxStreamStore> store) {
        return new WxStreams(store.getIfAvailable(InMemoryWxStreamStore::new), Clock.systemUTC());
    }

    /**
     * The reply deadline of synchronous handlers and what happens after it, from {@code wx.router.*},
     * then the application's customizers in order.
     */
    private static BiConsumer<WxAccount, WxMessageRouter> customizer(WxRouterProperties properties,
            ObjectProvider<WxMessageRouterCustomizer> customizers) {
        return (account, router) -> {
            PropertyMapper map = PropertyMapper.get();
            map.from(properties::getReplyTimeout).to(router::setReplyTimeout);
            map.from(properties::getLateReply).to(router::setLateReply);
            map.from(properties::getLateReplyPlaceholder).to(router::setLateReplyPlaceholder);
            customizers.orderedStream().forEach(customizer -> customizer.customize(account, router));
        };
    }

    /** Each account's gate in this JVM: the default, {@code wx.session.store-type=memory}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wx.session.store-type", havingValue = "memory", matchIfMissing = true)
    static class InMemoryGates {

        @Bean
        @ConditionalOnMissingBean
        WxMessageGateFactory wxMessageGateFactory(WxRouterProperties router) {
            return account -> InMemoryWxMessageGate.builder()
                    .ttl(router.getDuplicateTtl())
                    .maxWait(router.getDuplicateWait())
                    .build();
        }
    }
}
