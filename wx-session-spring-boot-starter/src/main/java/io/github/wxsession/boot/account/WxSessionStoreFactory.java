package io.github.wxsession.boot.account;

import io.github.wxsession.session.WxSessionStore;

/**
 * Makes the session store of each account, so two accounts never share an openid's session.
 * The starter's default keeps sessions in memory, or in Redis with
 * {@code wx.session.store-type=redis}; declare a bean of this type to use another.
 */
@FunctionalInterface
public interface WxSessionStoreFactory {

    WxSessionStore create(WxAccountSettings account);
}
