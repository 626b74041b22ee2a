package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.session.InMemoryWxSessionStore;

/**
 * Adjusts each account's in-memory session store ({@code wx.session.store-type=memory}) after
 * {@code wx.session.*} has been applied and before it is built: a clock, a listener, a limit for
 * one account. Every bean of this type is called, in
 * {@link org.springframework.core.annotation.Order} order, by the starter's own
 * {@link io.github.wxsession.boot.account.WxSessionStoreFactory}; an application that replaces that
 * factory builds its stores itself and these are not called.
 */
@FunctionalInterface
public interface InMemoryWxSessionStoreBuilderCustomizer {

    /**
     * @param account the account whose store is being built
     * @param store the store's builder so far, to change in place
     */
    void customize(WxAccountSettings account, InMemoryWxSessionStore.Builder store);
}
