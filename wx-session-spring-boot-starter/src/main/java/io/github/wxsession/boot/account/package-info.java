/**
 * The configured accounts and what serves each: {@link io.github.wxsession.boot.account.WxAccounts}
 * finds an account by name or app id, and each {@link io.github.wxsession.boot.account.WxAccount}
 * holds its validated settings, message crypto, token storage, API client and session store, made
 * by the factories of this package. Built by {@code io.github.wxsession.boot.autoconfigure} from
 * the {@code wx.*} properties; the callback, routing and HTTP sessions use it and never see the
 * properties themselves.
 */
@NullMarked
package io.github.wxsession.boot.account;

import org.jspecify.annotations.NullMarked;
