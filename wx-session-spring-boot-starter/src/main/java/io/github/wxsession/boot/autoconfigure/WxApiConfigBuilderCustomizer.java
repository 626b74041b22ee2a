package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.boot.account.WxAccountSettings;

/**
 * Adjusts the API client configuration of each account after {@code wx.api.*} has been applied
 * and before the client is built, e.g. to set a {@link java.time.Clock} or one timeout for one
 * account. Every bean of this type is called, in {@link org.springframework.core.annotation.Order}
 * order, by the starter's own {@link io.github.wxsession.boot.account.WxServiceFactory}; an
 * application that replaces that factory builds its clients itself and these are not called.
 */
@FunctionalInterface
public interface WxApiConfigBuilderCustomizer {

    /**
     * @param account the account whose client is being built
     * @param config its configuration so far, to change in place
     */
    void customize(WxAccountSettings account, WxApiConfig.Builder config);
}
