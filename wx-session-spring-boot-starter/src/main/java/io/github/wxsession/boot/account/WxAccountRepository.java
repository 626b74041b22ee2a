package io.github.wxsession.boot.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where accounts come from. The starter asks it for an account the first time a callback
 * arrives at {@code <wx.callback.path>/<app-id>}, and again every {@code wx.account-cache.refresh-after}
 * or when the application calls {@link WxAccounts#reload}; in between it keeps what it got.
 * So an application that keeps its accounts in a database declares a bean of this type, and
 * adds, removes or rotates an account (secret, token, AES key) without a restart.
 *
 * <p>The accounts of {@code application.yml} ({@code wx.app-id} or {@code wx.accounts.*}) are one
 * implementation, {@link #of}, used when no bean of this type is declared.
 *
 * <p>Implementations are called on callback threads, a few times per account and interval, never
 * for each message; an app id nobody has is asked again after the interval too (those answers are
 * kept, a bounded number of them), so random app ids cannot turn into a query per request.
 */
public interface WxAccountRepository {

    /**
     * The settings of the account with this app id (WeCom: corp id; AI bot: bot id), or
     * {@code null} if there is none: its callbacks are answered 404. Build them with
     * {@link WxAccountSettings#builder}.
     */
    @Nullable WxAccountSettings findByAppId(String appId);

    /**
     * The accounts to set up when the application starts, so their configuration errors fail
     * startup and their handlers' account names are checked; none by default (a database's
     * accounts are set up by their first callback).
     */
    default Collection<WxAccountSettings> preload() {
        return List.of();
    }

    /**
     * Whether {@link #preload()} is every account there will ever be, as in {@code application.yml}:
     * then a {@code @WxHandler} naming any other account fails startup.
     */
    default boolean complete() {
        return false;
    }

    /** The fixed accounts of {@code application.yml}, all preloaded. */
    static WxAccountRepository of(Collection<WxAccountSettings> accounts) {
        Map<String, WxAccountSettings> byAppId = accounts.stream()
                .collect(Collectors.toUnmodifiableMap(WxAccountSettings::appId, Function.identity()));
        List<WxAccountSettings> all = List.copyOf(accounts);
        return new WxAccountRepository() {
            @Override
            public @Nullable WxAccountSettings findByAppId(String appId) {
                return byAppId.get(appId);
            }

            @Override
            public Collection<WxAccountSettings> preload() {
                return all;
            }

            @Override
            public boolean complete() {
                return true;
            }
        };
    }
}
