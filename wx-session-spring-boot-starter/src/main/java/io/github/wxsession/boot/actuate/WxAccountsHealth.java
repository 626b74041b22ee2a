package io.github.wxsession.boot.actuate;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.session.WxStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects the state of each account there is at the moment of asking: the accounts are read
 * from {@link WxAccounts} at every check, never kept, so accounts added or removed while the
 * application runs show up or drop out by themselves. The part of the health check that does not
 * depend on Spring Boot's health API, shared by both Boot lines.
 */
public final class WxAccountsHealth {

    /** How long a check waits for a session store's answer unless configured. */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(1);

    private static final String REDIS_STORE = "io.github.wxsession.redis.session.RedisWxSessionStore";

    private final WxAccounts accounts;
    private final WxApiOutcomes apiOutcomes;
    private final Duration storeTimeout;

    /**
     * @param apiOutcomes what the accounts' API clients heard
     * @param storeTimeout how long to wait for each session store's answer; a store slower than this
     *        counts as unreachable (a health check must answer well before a load balancer gives up)
     */
    public WxAccountsHealth(WxAccounts accounts, WxApiOutcomes apiOutcomes, Duration storeTimeout) {
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null");
        this.apiOutcomes = Objects.requireNonNull(apiOutcomes, "apiOutcomes must not be null");
        if (storeTimeout.isNegative() || storeTimeout.isZero()) {
            throw new IllegalArgumentException("the store timeout must be positive, was " + storeTimeout);
        }
        this.storeTimeout = storeTimeout;
    }

    /** The names of the accounts there are now, in their configured order. */
    public List<String> accountNames() {
        return accounts.all().stream().map(WxAccount::name).toList();
    }

    /** The state of the account named {@code name} now, or {@code null} if there is no such account (any more). */
    public @Nullable WxAccountHealth check(String name) {
        for (WxAccount account : accounts.all()) {
            if (account.name().equals(name)) {
                return check(account);
            }
        }
        return null;
    }

    /** The state of {@code account} now: one PING of its session store, one read of its token's expiry. */
    public WxAccountHealth check(WxAccount account) {
        String storeError = null;
        try {
            account.sessionStore().ping(storeTimeout);
        } catch (WxStoreUnavailableException e) {
            storeError = e.getMessage();
        }
        Instant expiresAt = null;
        // The starter keeps tokens in the sessions' store: when that did not answer, asking again
        // would only wait out the connection's command timeout.
        boolean tokenKnown = storeError == null;
        if (tokenKnown) {
            try {
                expiresAt = account.configStorage().getAccessTokenExpiresAt();
            } catch (WxStoreUnavailableException e) {
                tokenKnown = false;
            }
        }
        return new WxAccountHealth(account.name(), account.appId(), account.type(), expiresAt, tokenKnown,
                apiOutcomes.lastFailure(account.name(), account.appId()),
                apiOutcomes.lastSuccessAt(account.name(), account.appId()), storeType(account.sessionStore()),
                storeError);
    }

    /** {@code memory} or {@code redis} for the starter's stores, else the store's class name. */
    static String storeType(WxSessionStore store) {
        if (store instanceof InMemoryWxSessionStore) {
            return "memory";
        }
        // By name: spring-data-redis, which the Redis store needs, is optional.
        return store.getClass().getName().equals(REDIS_STORE) ? "redis" : store.getClass().getName();
    }
}
