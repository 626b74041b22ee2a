/**
 * Routing of one account's inbound messages to handlers, exactly once per message:
 * {@link io.github.wxsession.router.WxMessageRouter} with its rules, the handler and interceptor
 * SPI, and the {@link io.github.wxsession.router.WxMessageGate} where each delivery begins its unit
 * of work (de-duplication, the sender's turn, the sender's session), in memory here and in Redis
 * in {@code io.github.wxsession.redis.session}. Slow handlers are answered late through
 * {@link io.github.wxsession.router.WxAsyncReplySender} or by parking the reply.
 */
@NullMarked
package io.github.wxsession.router;

import org.jspecify.annotations.NullMarked;
