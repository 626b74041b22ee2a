/**
 * Access tokens and jsapi tickets in Redis: {@link io.github.wxsession.redis.token.RedisWxConfigStorage}
 * is the {@link io.github.wxsession.token.WxConfigStorage} every instance of the application
 * shares, and {@code RedisRefreshLock} makes one of them refresh an expiring credential while the
 * others wait and re-read it, so N instances times M threads cause one upstream call.
 */
@NullMarked
package io.github.wxsession.redis.token;

import org.jspecify.annotations.NullMarked;
