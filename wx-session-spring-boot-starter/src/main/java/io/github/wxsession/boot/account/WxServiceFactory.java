package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxService;
import io.github.wxsession.token.WxConfigStorage;

/**
 * Makes the API client of each account over its token storage. The starter's default is an
 * {@link io.github.wxsession.api.HttpWxService} configured by {@code wx.api.*}; declare a bean of
 * this type to use another.
 */
@FunctionalInterface
public interface WxServiceFactory {

    WxService create(WxAccountSettings account, WxConfigStorage configStorage);
}
