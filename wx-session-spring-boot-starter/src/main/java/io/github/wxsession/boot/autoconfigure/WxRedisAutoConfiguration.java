package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.aibot.WxStreamStore;
import io.github.wxsession.boot.account.WxConfigStorageFactory;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.boot.account.WxSessionStoreFactory;
import io.github.wxsession.boot.http.WxHttpSessionScope;
import io.github.wxsession.boot.http.WxHttpSessionScopes;
import io.github.wxsession.redis.FailoverFence;
import io.github.wxsession.redis.SentinelSwitchFollower;
import io.github.wxsession.redis.attribute.JacksonWxSessionAttributeSerializer;
import io.github.wxsession.redis.attribute.WxSessionAttributeSerializer;
import io.github.wxsession.redis.session.RedisSessionScope;
import io.github.wxsession.redis.session.RedisWxMessageGate;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.redis.session.RedisWxStreamStore;
import io.github.wxsession.redis.token.RedisWxConfigStorage;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code wx.session.store-type=redis}: sessions, de-duplication and tokens of every account in
 * Redis, through the application's own {@link RedisConnectionFactory} (Spring Boot's
 * {@code spring.data.redis.*}); no second connection pool. To change a setting or two of the
 * stores, declare a {@link RedisWxSessionStoreBuilderCustomizer}.
 */
@AutoConfiguration
@EnableConfigurationProperties({WxSessionStoreProperties.class, WxRedisProperties.class, WxRouterProperties.class})
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "wx.session.store-type", havingValue = "redis")
@Conditional(OnWxAccountsOrRepositoryCondition.class)
public class WxRedisAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(WxRedisAutoConfiguration.class);

    /** Above this, a Redis outage holds WeChat's callbacks longer than they should wait for a 503. */
    private static final Duration RESPONSIVE_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    public WxSessionAttributeSerializer wxSessionAttributeSerializer(WxRedisProperties properties) {
        return JacksonWxSessionAttributeSerializer.builder()
                .allowPackages(properties.getAllowedPackages().toArray(String[]::new))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public WxSessionStoreFactory wxSessionStoreFactory(ObjectProvider<RedisConnectionFactory> redis,
            WxSessionStoreProperties properties, WxRedisProperties redisProperties,
            WxSessionAttributeSerializer serializer, Environment environment, ObjectProvider<FailoverFence> fence,
            ObjectProvider<RedisWxSessionStoreBuilderCustomizer> customizers) {
        RedisConnectionFactory connections = requireConnectionFactory(redis);
        warnIfSlowToFail(environment);
        FailoverFence failoverFence = fence.getIfAvailable(() -> FailoverFence.NONE);
        SessionStoreSettings settings = new SessionStoreSettings(properties);
        return account -> {
            RedisWxSessionStore.Builder store = RedisWxSessionStore.builder(connections)
                    .appId(account.appId())
                    .attributeSerializer(serializer)
                    .failoverFence(failoverFence);
            settings.applyTo(store::defaultMaxInactiveInterval, store::sweepInterval, store::maxActiveSessions);
            PropertyMapper map = PropertyMapper.get();
            map.from(redisProperties::getNamespace).to(store::namespace);
            map.from(redisProperties::getExpiryGrace).to(store::expiryGrace);
            map.from(redisProperties::getLockWait).to(store::lockWait);
            map.from(redisProperties::getLockLease).to(store::lockLease);
            customizers.orderedStream().forEach(customizer -> customizer.customize(account, store));
            return store.build();
        };
    }

    /** The AI bot's streams beside the sessions, so a refresh on any instance sees them. */
    @Bean
    @ConditionalOnMissingBean
    public WxStreamStore wxStreamStore(ObjectProvider<RedisConnectionFactory> redis, WxRedisProperties properties) {
        return new RedisWxStreamStore(requireConnectionFactory(redis), properties.getNamespace());
    }

    @Bean
    @ConditionalOnMissingBean
    public WxConfigStorageFactory wxConfigStorageFactory(ObjectProvider<RedisConnectionFactory> redis,
            WxRedisProperties properties) {
        RedisConnectionFactory connections = requireConnectionFactory(redis);
        String namespace = properties.getNamespace();
        return account -> RedisWxConfigStorage.builder(connections)
                .appId(account.appId())
                .secret(account.secret())
                .token(account.token())
                .aesKey(account.aesKey())
                .namespace(namespace)
                .build();
    }

    /**
     * Each account's gate de-duplicates, takes the sender's lock and loads the session in one
     * round trip, so it needs that account's Redis session store.
     */
    @Bean
    @ConditionalOnMissingBean
    public WxMessageGateFactory wxMessageGateFactory(WxRouterProperties router) {
        return account -> {
            if (!(account.sessionStore() instanceof RedisWxSessionStore store)) {
                throw new IllegalStateException("Account '" + account.name() + "' keeps its sessions in "
                        + account.sessionStore().getClass().getName() + ", but wx.session.store-type=redis"
                        + " gates messages with the Redis session store; declare a WxMessageGateFactory too");
            }
            return RedisWxMessageGate.builder(store)
                    .ttl(router.getDuplicateTtl())
                    .maxWait(router.getDuplicateWait())
                    .build();
        };
    }

    /**
     * An HTTP request on a Redis session loads it once (no lock: requests of one client may
     * overlap) and saves what changed once, or nothing after a failure.
     */
    @Bean
    @ConditionalOnMissingBean
    public WxHttpSessionScopes wxHttpSessionScopes() {
        return (store, sessionId) -> {
            if (!(store instanceof RedisWxSessionStore redis)) {
                return WxHttpSessionScope.NONE;
            }
            RedisSessionScope scope = redis.openScope(sessionId, false);
            return new WxHttpSessionScope() {
                @Override
                public void close() {
                    scope.close();
                }

                @Override
                public void discard() {
                    scope.discard();
                }
            };
        };
    }

    /**
     * Lettuce follows a failover within a second or so: a cluster's by adaptive topology refresh
     * (where the application configured none), Sentinel's by its {@code +switch-master} event; the
     * Sentinel follower also fences the stores while a failover is under way.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.RedisClient")
    @Import(LettuceClusterRefreshRegistrar.class)
    @ImportRuntimeHints(LettuceClusterRefreshRegistrar.ProxyHints.class)
    static class LettuceFailoverConfiguration {

        /** {@code null} (no bean) unless the application's connection factory is Lettuce configured for Sentinel. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnProperty("spring.data.redis.sentinel.master")
        @Nullable SentinelSwitchFollower wxSessionSentinelSwitchFollower(ObjectProvider<RedisConnectionFactory> redis) {
            return redis.getIfAvailable() instanceof LettuceConnectionFactory lettuce
                    ? SentinelSwitchFollower.follow(lettuce).orElse(null) : null;
        }
    }

    private static RedisConnectionFactory requireConnectionFactory(ObjectProvider<RedisConnectionFactory> redis) {
        RedisConnectionFactory connections = redis.getIfAvailable();
        if (connections == null) {
            throw new IllegalStateException("wx.session.store-type=redis needs the application's"
                    + " RedisConnectionFactory: add spring-boot-starter-data-redis and set spring.data.redis.*");
        }
        return connections;
    }

    private static void warnIfSlowToFail(Environment environment) {
        String timeout = environment.getProperty("spring.data.redis.timeout");
        Duration parsed = timeout == null ? null : DurationStyle.detectAndParse(timeout);
        if (parsed == null || parsed.compareTo(RESPONSIVE_TIMEOUT) > 0) {
            LOG.warn("spring.data.redis.timeout is " + (timeout == null ? "not set (60 s by default)" : timeout)
                    + ": while Redis is unreachable each WeChat callback waits that long before it is answered 503."
                    + " Set it to at most 1s so WeChat retries promptly.");
        }
    }
}
