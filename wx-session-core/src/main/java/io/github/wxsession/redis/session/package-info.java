/**
 * Sessions and exactly-once message delivery in Redis: {@link io.github.wxsession.redis.session.RedisWxSessionStore}
 * keeps one account's sessions (loaded once per unit of work in a
 * {@link io.github.wxsession.redis.session.RedisSessionScope}, saved once at its end, events exactly
 * once across instances), and {@link io.github.wxsession.redis.session.RedisWxMessageGate} runs the
 * router's de-dup, sender lock, session load and save in two round trips per message. All their
 * Redis work is the Lua scripts beside these classes ({@code session-*.lua}, {@code read-on-master.lua},
 * {@code scan-on-master.lua}), run by SHA1 through {@code SessionCommands}; the rest of the package
 * is their bookkeeping (lease renewals, the live-session count, due-session sweeps, give-backs).
 * {@link io.github.wxsession.redis.session.RedisWxStreamStore} keeps the WeCom AI bot's streamed
 * replies, per message like the gate's records, read through the same master-only script.
 */
@NullMarked
package io.github.wxsession.redis.session;

import org.jspecify.annotations.NullMarked;
