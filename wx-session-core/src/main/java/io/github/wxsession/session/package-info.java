/**
 * Per-user conversation state shaped like {@code HttpSession}: {@link io.github.wxsession.session.WxSession},
 * the {@link io.github.wxsession.session.WxSessionManager} handlers use, and the
 * {@link io.github.wxsession.session.WxSessionStore} SPI behind it (in memory here, Redis in
 * {@code io.github.wxsession.redis.session}).
 *
 * <p>What every store guarantees, pinned by one contract test suite: get-or-create is atomic; a
 * session idle past its timeout is gone (no access-count leak keeps it alive); listeners hear
 * created and destroyed (expired, invalidated or evicted) exactly once, with the attributes still
 * readable on destroy; the limit on live sessions is never overshot; all time comes from an
 * injected {@link java.time.Clock}.
 */
@NullMarked
package io.github.wxsession.session;

import org.jspecify.annotations.NullMarked;
