package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.redis.session.RedisWxSessionStore;

/**
 * Adjusts each account's Redis session store ({@code wx.session.store-type=redis}) after
 * {@code wx.session.*} and {@code wx.session.redis.*} have been applied and before it is built.
 * Every bean of this type is called, in {@link org.springframework.core.annotation.Order} order,
 * by the starter's own {@link io.github.wxsession.boot.account.WxSessionStoreFactory}; an
 * application that replaces that factory builds its stores itself and these are not called.
 */
@FunctionalInterface
public interface RedisWxSessionStoreBuilderCustomizer {

    /**
     * @param account the account whose store is being built
     * @param store the store's builder so far, to change in place
     */
    void customize(WxAccountSettings account, RedisWxSessionStore.Builder store);
}
