package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.LettuceClusterRefresh;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The Lettuce client Spring Boot builds for {@code spring.data.redis.cluster.nodes} follows a
 * failover as {@link LettuceClusterRefresh} says, unless the application configured the refresh;
 * standalone Redis is left alone. (How fast it follows, with real processes: core's
 * {@code RedisClusterFailoverTest}, whose factories carry the same options.)
 */
class LettuceClusterRefreshTest {

    /** Spring Boot's Redis auto-configuration, which moved to its own module in Boot 4. */
    static final Class<?> BOOT_REDIS = ClassUtils.resolveClassName(ClassUtils.isPresent(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration", null)
                    ? "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
                    : "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration", null);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BOOT_REDIS, WxAccountsAutoConfiguration.class,
                    WxRoutingAutoConfiguration.class, WxRedisAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wxLettuce", "wx.secret=s", "wx.token=t", "wx.session.store-type=redis",
                    "spring.data.redis.timeout=500ms");

    @Test
    void aClusterClientRefreshesOnEveryAdaptiveTriggerAtMostOncePerSecond() {
        runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001")
                .run(context -> {
                    ClusterTopologyRefreshOptions refresh = clusterRefresh(context.getBean(LettuceConnectionFactory.class));
                    assertThat(refresh.getAdaptiveRefreshTriggers()).isEqualTo(EnumSet.allOf(RefreshTrigger.class));
                    assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(refresh.getRefreshTriggersReconnectAttempts()).isEqualTo(1);
                    assertThat(refresh.isPeriodicRefreshEnabled()).as("no refresh while all is well").isFalse();
                    assertThat(refresh.useDynamicRefreshSources()).as("Spring Boot's default kept").isTrue();
                });
    }

    @Test
    void theApplicationsOwnRefreshSettingsWin() {
        runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000",
                "spring.data.redis.lettuce.cluster.refresh.period=30s")
                .run(context -> {
                    ClusterTopologyRefreshOptions refresh = clusterRefresh(context.getBean(LettuceConnectionFactory.class));
                    assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(refresh.getAdaptiveRefreshTimeout())
                            .isEqualTo(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION);
                    assertThat(context).doesNotHaveBean(LettuceClusterRefreshRegistrar.BEAN_NAME);
                });
        runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000",
                "spring.data.redis.lettuce.cluster.refresh.adaptive=false")
                .run(context -> assertThat(clusterRefresh(context.getBean(LettuceConnectionFactory.class))
                        .getAdaptiveRefreshTimeout())
                        .isEqualTo(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION));
    }

    @Test
    void aStandaloneClientKeepsSpringBootsOptions() {
        runner.withPropertyValues("spring.data.redis.port=7000").run(context -> {
            ClientOptions options = context.getBean(LettuceConnectionFactory.class).getClientConfiguration()
                    .getClientOptions().orElseThrow();
            assertThat(options).isNotInstanceOf(ClusterClientOptions.class);
            assertThat(context).hasBean(LettuceClusterRefreshRegistrar.BEAN_NAME);
        });
    }

    private static ClusterTopologyRefreshOptions clusterRefresh(LettuceConnectionFactory factory) {
        ClientOptions options = factory.getClientConfiguration().getClientOptions().orElseThrow();
        assertThat(options).isInstanceOf(ClusterClientOptions.class);
        return ((ClusterClientOptions) options).getTopologyRefreshOptions();
    }
}
