/**
 * Shared state in Redis for running one bot on many instances, through the application's own
 * Spring Data Redis {@link org.springframework.data.redis.connection.RedisConnectionFactory}
 * (spring-data-redis is an optional dependency of core; only this package uses it).
 *
 * <p>{@link io.github.wxsession.redis.RedisWxSessionStore} keeps sessions: loaded once per unit of
 * work ({@link io.github.wxsession.redis.RedisSessionScope}), saved once at its end, events exactly
 * once across instances. {@link io.github.wxsession.redis.RedisWxConfigStorage} keeps access tokens
 * and jsapi tickets with a cluster-wide refresh lock;
 * {@link io.github.wxsession.redis.WxSessionAttributeSerializer} and its allow-list JSON
 * implementation encode session attributes without Java serialization.
 *
 * <p>Keys are {@code <namespace>:{<appId>}:...} for an account's own keys, and
 * {@code <namespace>:{<appId>:<sessionId>}:...} for a session's: the braces hold the Redis Cluster
 * hash tag, so the keys one script touches always share a slot. An unreachable Redis surfaces as
 * {@link io.github.wxsession.redis.WxRedisUnavailableException} within the connection's command
 * timeout.
 */
package io.github.wxsession.redis;
