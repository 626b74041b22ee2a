/**
 * Shared state in Redis for running one bot on many instances, through the application's own
 * Spring Data Redis {@link org.springframework.data.redis.connection.RedisConnectionFactory}
 * (spring-data-redis is an optional dependency of core; only this package uses it).
 *
 * <p>{@link io.github.wxsession.redis.RedisWxConfigStorage} keeps access tokens and jsapi tickets
 * with a cluster-wide refresh lock; {@link io.github.wxsession.redis.WxSessionAttributeSerializer}
 * and its allow-list JSON implementation encode session attributes without Java serialization.
 *
 * <p>Every key is {@code <namespace>:{<appId>}:...}: the app id is the Redis Cluster hash tag,
 * so all keys of one account share a slot. An unreachable Redis surfaces as
 * {@link io.github.wxsession.redis.WxRedisUnavailableException} within the connection's command
 * timeout.
 */
package io.github.wxsession.redis;
