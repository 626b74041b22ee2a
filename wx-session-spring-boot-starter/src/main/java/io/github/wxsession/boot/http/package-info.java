/**
 * Sessions for mini-program and app HTTP APIs, on the same store as the bot's sessions.
 *
 * <p>{@link io.github.wxsession.boot.http.WxLoginController} exchanges a {@code code} for a new
 * session under a random id; {@link io.github.wxsession.boot.http.WxSessionIdResolver} finds that
 * id in each request (header, cookie, {@code ;wxsessionid=}); {@link
 * io.github.wxsession.boot.http.WxHttpSessionInterceptor} checks it on protected paths and runs the
 * request in one {@link io.github.wxsession.boot.http.WxHttpSessionScopes} unit of work; controllers
 * take the {@link io.github.wxsession.session.WxSession} as a parameter. Applications extend it
 * with {@link io.github.wxsession.boot.http.WxLoginHandler} and
 * {@link io.github.wxsession.boot.http.WxSessionVerifier} beans. Configured by
 * {@code io.github.wxsession.boot.autoconfigure} with plain values, so this package does not
 * depend on it.
 */
@NullMarked
package io.github.wxsession.boot.http;

import org.jspecify.annotations.NullMarked;
