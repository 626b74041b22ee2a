package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.attribute.WxSessionAttributeSerializationException;
import io.github.wxsession.redis.attribute.WxSessionAttributeSerializer;
import io.github.wxsession.redis.session.RedisWxMessageGate;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.redis.token.RedisWxConfigStorage;
import io.github.wxsession.router.InMemoryWxMessageGate;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

class WxRedisAutoConfigurationTest {

    static RedisServerProcess redis;

    /** A value type the application allows in sessions through wx.session.redis.allowed-packages. */
    record Score(String player, int points) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxAccountsAutoConfiguration.class,
                    WxRoutingAutoConfiguration.class, WxRedisAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wxRedisConf", "wx.secret=s", "wx.token=t", "wx.session.store-type=redis",
                    "spring.data.redis.timeout=500ms");

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private ApplicationContextRunner withRedis() {
        return runner.withBean(RedisConnectionFactory.class, () -> redis.newConnectionFactory(),
                definition -> definition.setDestroyMethodName("destroy"));
    }

    @Test
    void anApplicationOnJedisIsToldAtStartupThatTheStoreNeedsLettuce() {
        runner.withConfiguration(AutoConfigurations.of(LettuceClusterRefreshTest.BOOT_REDIS))
                .withPropertyValues("spring.data.redis.client-type=jedis", "spring.data.redis.port=" + redis.port())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("The Redis session store needs Lettuce")
                            .hasMessageContaining("JedisConnectionFactory")
                            .hasMessageContaining("spring.data.redis.client-type=lettuce");
                });
    }

    @Test
    void redisModeKeepsSessionsTokensAndDeduplicationInRedis() {
        withRedis().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(WxSessionStore.class)).isInstanceOf(RedisWxSessionStore.class);
            assertThat(context.getBean(WxAccounts.class).single().configStorage()).isInstanceOf(RedisWxConfigStorage.class);
            assertThat(context.getBean(WxMessageGateFactory.class).create(context.getBean(WxAccounts.class).single()))
                    .isInstanceOf(RedisWxMessageGate.class);
        });
    }

    @Test
    void redisModeWithoutAConnectionFactoryFailsSayingWhatToAdd() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("spring-boot-starter-data-redis"));
    }

    @Test
    void onlyAllowedTypesCanBeStoredAsAttributes() {
        withRedis().withPropertyValues("wx.session.redis.allowed-packages=" + Score.class.getPackageName())
                .run(context -> {
                    WxSession session = context.getBean(WxSessionStore.class).getSession("oScorer");
                    session.setAttribute("best", new Score("ann", 42));
                    assertThat(context.getBean(WxSessionStore.class).getSession("oScorer").getAttribute("best"))
                            .isEqualTo(new Score("ann", 42));
                });
        withRedis().run(context -> {
            WxSession session = context.getBean(WxSessionStore.class).getSession("oRefused");
            assertThat(catchThrowable(
                    () -> session.setAttribute("best", new Score("bob", 1))))
                    .isInstanceOf(WxSessionAttributeSerializationException.class);
        });
    }

    @Test
    void anApplicationSerializerReplacesTheDefault() {
        withRedis().withBean("custom", WxSessionAttributeSerializer.class, () -> new WxSessionAttributeSerializer() {
            @Override
            public byte[] serialize(Object value) {
                return ("custom:" + value).getBytes();
            }

            @Override
            public Object deserialize(byte[] bytes) {
                return new String(bytes);
            }
        }).run(context -> {
            context.getBean(WxSessionStore.class).getSession("oCustom").setAttribute("k", "v");
            assertThat(context.getBean(WxSessionStore.class).getSession("oCustom").getAttribute("k"))
                    .isEqualTo("custom:v");
        });
    }

    @Test
    void memoryIsStillTheDefault() {
        runner.withPropertyValues("wx.session.store-type=memory").run(context ->
                assertThat(context.getBean(WxMessageGateFactory.class).create(context.getBean(WxAccounts.class).single()))
                        .isInstanceOf(InMemoryWxMessageGate.class));
    }

}
