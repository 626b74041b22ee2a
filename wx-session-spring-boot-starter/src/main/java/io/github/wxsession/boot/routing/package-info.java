/**
 * One {@link io.github.wxsession.router.WxMessageRouter} per account
 * ({@link io.github.wxsession.boot.routing.WxMessageRouters}), whose rules are the application's
 * {@code @WxHandler} methods found once every singleton exists, and the bounded executors their
 * async handlers run on ({@link io.github.wxsession.boot.routing.WxAsyncExecutors}): virtual
 * threads where the application enables them, a growing and shrinking pool otherwise.
 */
@NullMarked
package io.github.wxsession.boot.routing;

import org.jspecify.annotations.NullMarked;
