/**
 * What the Redis subsystems share: the key layout ({@link io.github.wxsession.redis.RedisNamespace}),
 * unreachable Redis reported as {@link io.github.wxsession.redis.WxRedisUnavailableException}, lock
 * owner tokens, and how the application's Lettuce connection follows a failover
 * ({@link io.github.wxsession.redis.LettuceClusterRefresh} for a cluster,
 * {@link io.github.wxsession.redis.SentinelSwitchFollower} for Sentinel). Everything goes through the
 * application's own Spring Data Redis
 * {@link org.springframework.data.redis.connection.RedisConnectionFactory}; spring-data-redis is an
 * optional dependency of core, used only here and in the subpackages {@code session} (sessions and
 * the message gate), {@code token} (access tokens and tickets) and {@code attribute} (session
 * attributes as JSON), which depend on this package and never it on them.
 *
 * <p>Keys are {@code <namespace>:{<appId>}:...} for an account's own keys, and
 * {@code <namespace>:{<appId>:<sessionId>}:...} for a session's: the braces hold the Redis Cluster
 * hash tag, so the keys one script touches always share a slot.
 */
@NullMarked
package io.github.wxsession.redis;

import org.jspecify.annotations.NullMarked;
