package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.WxProperties;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.router.InMemoryWxMessageGate;
import io.github.wxsession.router.WxMessageExceptionHandler;
import io.github.wxsession.router.WxMessageRouter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A router per account, built from the application's {@code @WxHandler} methods, and the
 * gate that makes each message handled exactly once and one message of a sender at a time.
 */
@AutoConfiguration(after = WxAccountsAutoConfiguration.class)
@ConditionalOnBean(WxAccounts.class)
public class WxRoutingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxMessageRouters wxMessageRouters(ConfigurableListableBeanFactory beanFactory, WxAccounts accounts,
            WxProperties properties, WxMessageGateFactory gates,
            ObjectProvider<WxMessageExceptionHandler> exceptionHandler, ObjectProvider<WxMetrics> metrics) {
        WxProperties.Router router = properties.getRouter();
        return new WxMessageRouters(beanFactory, accounts, gates, exceptionHandler.getIfAvailable(),
                account -> asyncExecutor(account.name(), router), router.getAsyncShutdownTimeout(),
                metrics.getIfAvailable(() -> WxMetrics.NONE), lateReplies(router));
    }

    /** The reply deadline of synchronous handlers and what happens after it, from {@code wx.router.*}. */
    private static Consumer<WxMessageRouter> lateReplies(WxProperties.Router properties) {
        return router -> {
            router.setReplyTimeout(properties.getReplyTimeout());
            router.setLateReply(properties.getLateReply());
            router.setLateReplyPlaceholder(properties.getLateReplyPlaceholder());
        };
    }

    /** Bounded threads and queue; a full queue is refused (AbortPolicy), never dropped or run inline. */
    private static ThreadPoolExecutor asyncExecutor(String account, WxProperties.Router router) {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(router.getAsyncThreads(), router.getAsyncThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(router.getAsyncQueueCapacity()), task -> {
                    Thread thread = new Thread(task, "wx-async-" + account + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Each account's gate in this JVM: the default, {@code wx.session.store-type=memory}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wx.session.store-type", havingValue = "memory", matchIfMissing = true)
    static class InMemoryGates {

        @Bean
        @ConditionalOnMissingBean
        WxMessageGateFactory wxMessageGateFactory(WxProperties properties) {
            WxProperties.Router router = properties.getRouter();
            return account -> InMemoryWxMessageGate.builder()
                    .ttl(router.getDuplicateTtl())
                    .maxWait(router.getDuplicateWait())
                    .build();
        }
    }
}
