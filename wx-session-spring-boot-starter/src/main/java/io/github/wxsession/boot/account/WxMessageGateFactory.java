package io.github.wxsession.boot.account;

import io.github.wxsession.router.WxMessageGate;

/**
 * Gives each account's router its own {@link WxMessageGate}: in memory, an
 * {@link io.github.wxsession.router.InMemoryWxMessageGate}; in Redis, a gate bound to the
 * account's session store, so de-duplication, the sender's lock and the session load share one
 * round trip. Declare a bean of this type to use another.
 */
@FunctionalInterface
public interface WxMessageGateFactory {

    WxMessageGate create(WxAccount account);
}
