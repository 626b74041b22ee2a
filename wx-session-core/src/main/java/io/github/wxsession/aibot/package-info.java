/**
 * The WeCom AI bot's streamed replies: {@link io.github.wxsession.aibot.WxStream}, which a handler
 * writes to over time; {@link io.github.wxsession.aibot.WxStreamStore}, where its state lives so
 * that WeCom's refresh callbacks on any instance see it (in memory here, in Redis in
 * {@code io.github.wxsession.redis.session}); and {@link io.github.wxsession.aibot.WxAibotReplies}, the
 * plaintext JSON of the bot's replies. Reading the bot's callbacks is the message package's job,
 * their envelopes the crypto package's.
 */
@NullMarked
package io.github.wxsession.aibot;

import org.jspecify.annotations.NullMarked;
