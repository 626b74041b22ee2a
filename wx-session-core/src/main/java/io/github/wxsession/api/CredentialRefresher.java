package io.github.wxsession.api;

import io.github.wxsession.token.RefreshLock;
import io.github.wxsession.token.WxConfigStorage;
import io.github.wxsession.token.WxCredentialRefreshListener;
import io.github.wxsession.token.WxTokenType;
import java.lang.System.Logger.Level;

/**
 * Hands out one credential (access token or jsapi ticket) and refreshes it with double-checked
 * locking: check, lock, re-check, fetch, store, unlock. However many threads find it expired,
 * one fetches while the others wait on the storage's {@link RefreshLock} and then read what it
 * stored. With a cluster-wide lock and a shared storage this holds across instances too.
 */
final class CredentialRefresher {

    private static final System.Logger LOG = System.getLogger(CredentialRefresher.class.getName());

    /** A credential as its endpoint answered it. */
    record Fetched(String value, int expiresInSeconds) {
    }

    /** Calls the credential's endpoint. */
    @FunctionalInterface
    interface Fetcher {
        Fetched fetch(boolean forceRefresh) throws WxErrorException;
    }

    private final WxConfigStorage storage;
    private final WxTokenType type;
    private final Fetcher fetcher;
    private final WxCredentialRefreshListener listener;

    CredentialRefresher(WxConfigStorage storage, WxTokenType type, Fetcher fetcher, WxCredentialRefreshListener listener) {
        this.storage = storage;
        this.type = type;
        this.fetcher = fetcher;
        this.listener = listener;
    }

    /**
     * The stored credential if it has not expired, else a freshly fetched one.
     *
     * @param forceRefresh fetch even if the stored one is still valid; callers waiting together
     *        for a forced refresh share the one fetch
     */
    String get(boolean forceRefresh) throws WxErrorException {
        String seen = storage.getCredential(type);
        if (seen != null && !forceRefresh) {
            return seen;
        }
        RefreshLock.Held held = acquireRefreshLock();
        try {
            // The previous holder may have stored a fresh value while we waited; for a forced
            // refresh, a value other than the one we saw is such a fresh value.
            String current = storage.getCredential(type);
            if (current != null && (!forceRefresh || !current.equals(seen))) {
                return current;
            }
            Fetched fetched;
            try {
                fetched = fetcher.fetch(forceRefresh);
                storage.updateCredential(type, fetched.value(), fetched.expiresInSeconds());
            } catch (WxErrorException | RuntimeException e) {
                listener.refreshed(storage.getAppId(), type, e);
                throw e;
            }
            listener.refreshed(storage.getAppId(), type, null);
            LOG.log(Level.DEBUG, () -> "fetched a new " + type + " for " + storage.getAppId() + ", valid "
                    + fetched.expiresInSeconds() + " s");
            return fetched.value();
        } finally {
            held.release();
        }
    }

    private RefreshLock.Held acquireRefreshLock() throws WxErrorException {
        try {
            return storage.refreshLock(type).acquire();
        } catch (InterruptedException e) {
            throw LocalErrors.interrupted("waiting for the " + type + " refresh of " + storage.getAppId(), e);
        }
    }
}
