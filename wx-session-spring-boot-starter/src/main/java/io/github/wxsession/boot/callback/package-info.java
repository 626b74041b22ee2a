/**
 * The endpoint WeChat calls: {@link io.github.wxsession.boot.callback.WxCallbackController}
 * verifies each request (signature, timestamp, size, encryption), decrypts it, hands the message
 * to its account's router and answers with the reply, or with the 4xx / 5xx that
 * {@link io.github.wxsession.boot.callback.CallbackRejection} and
 * {@link io.github.wxsession.boot.callback.RoutingFailures} name, so WeChat retries exactly
 * when it should.
 */
@NullMarked
package io.github.wxsession.boot.callback;

import org.jspecify.annotations.NullMarked;
