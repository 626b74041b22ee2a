package io.github.wxsession.boot.account;

import io.github.wxsession.router.WxMessageDuplicateChecker;

/**
 * Gives each account's router its de-duplication. In memory one checker serves every account
 * (the {@code WxMessageDuplicateChecker} bean); in Redis each account gets a gate bound to its
 * session store, so de-duplication, the sender's lock and the session load share one round trip.
 * Declare a bean of this type to use another.
 */
@FunctionalInterface
public interface WxDuplicateCheckerFactory {

    WxMessageDuplicateChecker create(WxAccount account);
}
