package io.github.wxsession.boot.http;

import io.github.wxsession.session.WxSessionStore;

/**
 * Opens the unit of work a request runs on its session in, so a store can load the session once
 * and save it once per request. Opened before the session is looked up; while it is open, the
 * store's {@code getSession} on the request's thread is expected to return the request-local copy.
 *
 * <p>The default, {@link #passThrough()}, suits the in-memory store, whose session objects are
 * the stored state. A store with a request-local copy (such as Redis) plugs in a bean of this type.
 */
@FunctionalInterface
public interface WxHttpSessionScopes {

    /** Starts a unit of work on {@code sessionId} in {@code store}, on this thread. */
    WxHttpSessionScope open(WxSessionStore store, String sessionId);

    /** Opens nothing: sessions are read and written in place. */
    static WxHttpSessionScopes passThrough() {
        return (store, sessionId) -> WxHttpSessionScope.NONE;
    }
}
