package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.TooManyActiveSessionsException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Changing one setting of a starter-built piece takes a customizer bean, not a replacement
 * factory: the properties still apply, then every customizer in {@code @Order} order.
 */
class WxCustomizersTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);

    static RedisServerProcess redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                    WxRoutingAutoConfiguration.class, WxRedisAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wxCustomized", "wx.secret=s", "wx.token=t")
            .withBean(Calls.class, Calls::new);

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void inMemoryStoreCustomizersRunInOrderAfterTheProperties() {
        runner.withUserConfiguration(InMemoryStoreCustomizers.class)
                .withPropertyValues("wx.session.timeout=5m", "wx.session.max-active=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Calls.class)).containsExactly("store 1 wxCustomized", "store 2 wxCustomized");
                    WxSessionStore store = context.getBean(WxSessionStore.class);
                    WxSession session = store.getSession("oUser");
                    assertThat(session.getCreationTime()).as("the customizer's clock").isEqualTo(START.toEpochMilli());
                    assertThat(session.getMaxInactiveInterval()).as("wx.session.timeout still applies").isEqualTo(300);
                    assertThatThrownBy(() -> store.getSession("oOther")).as("wx.session.max-active still applies")
                            .isInstanceOf(TooManyActiveSessionsException.class);
                });
    }

    @Test
    void apiConfigCustomizersRunInOrderAfterTheProperties() {
        runner.withUserConfiguration(ApiCustomizers.class).withPropertyValues("wx.api.read-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Calls.class)).containsExactly("api 1 wxCustomized", "api 2 wxCustomized");
                    WxAccount account = context.getBean(WxAccounts.class).single();
                    WxApiConfig config = ((HttpWxService) account.client()).getConfig();
                    assertThat(config.clock()).isSameAs(CLOCK);
                    assertThat(config.readTimeout()).as("wx.api.read-timeout still applies").isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.connectTimeout()).as("the later customizer wins").isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void routerCustomizersRunInOrderAfterTheProperties() {
        runner.withUserConfiguration(RouterCustomizers.class).withPropertyValues("wx.router.reply-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Calls.class)).containsExactly("router 1 default", "router 2 default");
                    WxMessageRouter router = context.getBean(WxMessageRouters.class)
                            .forAccount(context.getBean(WxAccounts.class).single());
                    assertThat(router.getReplyTimeout()).as("wx.router.reply-timeout still applies")
                            .isEqualTo(Duration.ofSeconds(3));
                    assertThat(router.getLateReply()).isEqualTo(WxLateReply.RETRIES);
                });
    }

    @Test
    void redisStoreCustomizersRunInOrderAfterTheProperties() {
        runner.withUserConfiguration(RedisStoreCustomizers.class)
                .withPropertyValues("wx.session.store-type=redis", "wx.session.timeout=5m",
                        "spring.data.redis.timeout=500ms")
                .withBean(RedisConnectionFactory.class, () -> redis.newConnectionFactory(),
                        definition -> definition.setDestroyMethodName("destroy"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Calls.class)).containsExactly("redis 1 wxCustomized", "redis 2 wxCustomized");
                    WxSessionStore store = context.getBean(WxSessionStore.class);
                    assertThat(store).isInstanceOf(RedisWxSessionStore.class);
                    WxSession session = store.getSession("oRedisCustomized");
                    assertThat(session.getCreationTime()).as("the customizer's clock").isEqualTo(START.toEpochMilli());
                    assertThat(session.getMaxInactiveInterval()).as("wx.session.timeout still applies").isEqualTo(300);
                    session.invalidate();
                });
    }

    @Test
    void aReplacedFactoryIsNotCustomized() {
        runner.withUserConfiguration(InMemoryStoreCustomizers.class, WxAccountsAutoConfigurationTest.CustomSessions.class)
                .run(context -> {
                    assertThat(context.getBean(WxSessionStore.class).getSession("u").getMaxInactiveInterval())
                            .isEqualTo(42);
                    assertThat(context.getBean(Calls.class)).isEmpty();
                });
    }

    /** What the customizers did, in the order they did it. */
    static class Calls extends CopyOnWriteArrayList<String> {
    }

    // Declared in the opposite order to their @Order, so only the order can explain the sequence.
    @Configuration(proxyBeanMethods = false)
    static class InMemoryStoreCustomizers {

        @Bean
        @Order(2)
        InMemoryWxSessionStoreBuilderCustomizer second(Calls calls) {
            return (account, store) -> calls.add("store 2 " + account.appId());
        }

        @Bean
        @Order(1)
        InMemoryWxSessionStoreBuilderCustomizer first(Calls calls) {
            return (account, store) -> {
                calls.add("store 1 " + account.appId());
                store.clock(CLOCK);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApiCustomizers {

        @Bean
        @Order(2)
        WxApiConfigBuilderCustomizer second(Calls calls) {
            return (account, config) -> {
                calls.add("api 2 " + account.appId());
                config.connectTimeout(Duration.ofSeconds(2));
            };
        }

        @Bean
        @Order(1)
        WxApiConfigBuilderCustomizer first(Calls calls) {
            return (account, config) -> {
                calls.add("api 1 " + account.appId());
                config.clock(CLOCK).connectTimeout(Duration.ofSeconds(1));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RouterCustomizers {

        @Bean
        @Order(2)
        WxMessageRouterCustomizer second(Calls calls) {
            return (account, router) -> calls.add("router 2 " + account.name());
        }

        @Bean
        @Order(1)
        WxMessageRouterCustomizer first(Calls calls) {
            return (account, router) -> {
                calls.add("router 1 " + account.name());
                router.setLateReply(WxLateReply.RETRIES);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RedisStoreCustomizers {

        @Bean
        @Order(2)
        RedisWxSessionStoreBuilderCustomizer second(Calls calls) {
            return (account, store) -> calls.add("redis 2 " + account.appId());
        }

        @Bean
        @Order(1)
        RedisWxSessionStoreBuilderCustomizer first(Calls calls) {
            return (account, store) -> {
                calls.add("redis 1 " + account.appId());
                store.clock(CLOCK);
            };
        }
    }
}
