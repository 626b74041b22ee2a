package io.github.wxsession.boot.account;

import io.github.wxsession.token.WxConfigStorage;

/**
 * Makes the token storage of each account. The starter's default keeps tokens in memory, or in
 * Redis with {@code wx.session.store-type=redis}; declare a bean of this type to use another.
 */
@FunctionalInterface
public interface WxConfigStorageFactory {

    WxConfigStorage create(WxAccountSettings account);
}
