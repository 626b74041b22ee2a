package io.github.wxsession.boot.actuate;

import io.github.wxsession.api.WxApiCallListener;
import io.github.wxsession.api.WxError;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How each account's WeChat API calls ended last: the last failure and when a call last succeeded,
 * heard by a {@link WxApiCallListener} added to each account's client ({@link #listenerFor}).
 * Accounts are told apart by name and app id, and a removed account is forgotten, so an account
 * added later under a removed one's name starts with a clean record. Thread-safe; recording a call
 * costs a clock read and a field write.
 */
public final class WxApiOutcomes implements WxAccountListener {

    private final Clock clock;
    private final Map<AccountKey, Outcomes> byAccount = new ConcurrentHashMap<>();

    /** @param clock when calls ended is read from it */
    public WxApiOutcomes(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * The listener to add to the API client of the account {@code accountName} with
     * {@code appId}; it records into this.
     */
    public WxApiCallListener listenerFor(String accountName, String appId) {
        Outcomes outcomes = byAccount.computeIfAbsent(new AccountKey(accountName, appId), key -> new Outcomes());
        return path -> new WxApiCallListener.WxApiCall() {
            @Override
            public void succeeded() {
                outcomes.lastSuccessAt = clock.instant();
            }

            @Override
            public void failed(WxErrorException failure) {
                WxError error = failure.getError();
                outcomes.lastFailure = new WxApiFailure(error.errorCode(), error.errorMessage(), path, clock.instant());
            }
        };
    }

    /** The account's last failed call, or {@code null} if none failed (or none was heard). */
    public @Nullable WxApiFailure lastFailure(String accountName, String appId) {
        Outcomes outcomes = byAccount.get(new AccountKey(accountName, appId));
        return outcomes == null ? null : outcomes.lastFailure;
    }

    /** When a call of the account last succeeded, or {@code null} if none has. */
    public @Nullable Instant lastSuccessAt(String accountName, String appId) {
        Outcomes outcomes = byAccount.get(new AccountKey(accountName, appId));
        return outcomes == null ? null : outcomes.lastSuccessAt;
    }

    /** Forgets a removed account's outcomes, so a thousand accounts come and gone leave nothing behind. */
    @Override
    public void removed(WxAccount account) {
        byAccount.remove(new AccountKey(account.name(), account.appId()));
    }

    private record AccountKey(String name, String appId) {
    }

    private static final class Outcomes {
        volatile @Nullable WxApiFailure lastFailure;
        volatile @Nullable Instant lastSuccessAt;
    }
}
