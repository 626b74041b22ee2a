/**
 * An account's fixed configuration and its short-lived credentials (access token, jsapi ticket):
 * {@link io.github.wxsession.token.WxConfigStorage}, kept in memory here and in Redis in
 * {@code io.github.wxsession.redis.token}. Credentials count as expired ahead of their real expiry,
 * and a {@link io.github.wxsession.token.RefreshLock} per credential lets one caller refresh it
 * while the others wait, in one JVM or across a cluster.
 */
@NullMarked
package io.github.wxsession.token;

import org.jspecify.annotations.NullMarked;
