package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.router.WxMessageRouter;

/**
 * Adjusts each account's router once its gate, executors and {@code wx.router.*} settings are in
 * place, before the {@code @WxHandler} rules are added and before the first message. Every bean
 * of this type is called, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface WxMessageRouterCustomizer {

    /**
     * @param account the account the router serves
     * @param router its router, to change in place
     */
    void customize(WxAccount account, WxMessageRouter router);
}
