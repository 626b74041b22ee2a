/**
 * The WeChat HTTP API client of one account: {@link io.github.wxsession.api.WxService}, implemented
 * over the JDK's {@code java.net.http} client by {@link io.github.wxsession.api.HttpWxService}.
 * Every call takes its access token from the account's {@link io.github.wxsession.token.WxConfigStorage},
 * refreshes it once when WeChat rejects it, retries while WeChat is busy, and turns an
 * {@code errcode} into a {@link io.github.wxsession.api.WxErrorException}; handlers get the service
 * from the router.
 */
@NullMarked
package io.github.wxsession.api;

import org.jspecify.annotations.NullMarked;
