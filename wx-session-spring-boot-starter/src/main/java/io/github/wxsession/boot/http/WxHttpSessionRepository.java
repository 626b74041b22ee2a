package io.github.wxsession.boot.http;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionIdGenerator;
import io.github.wxsession.session.WxSessionIds;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP sessions of the account that serves HTTP clients. They live in the account's
 * {@link io.github.wxsession.session.WxSessionStore} beside its message sessions, under fresh
 * random ids, and carry {@link WxHttpSessions#LOGIN_MARKER}; only such sessions are ever found
 * here, so a message session's openid is no key to anything.
 */
public final class WxHttpSessionRepository {

    /**
     * What every login session id starts with: a character outside the alphabets of WeChat's ids
     * (openids, WeCom UserIDs, which start with a letter or digit, and ExternalUserIDs), and safe
     * in a header, a cookie and a URL.
     */
    public static final String ID_PREFIX = "~";

    private final WxAccount account;
    private final WxHttpSessionScopes scopes;
    private final WxSessionIdGenerator ids;

    /**
     * @param account whose store holds the sessions and whose API exchanges login codes
     * @param scopes opens each request's unit of work on its session
     * @param ids makes the ids of new sessions; they must be unguessable
     */
    public WxHttpSessionRepository(WxAccount account, WxHttpSessionScopes scopes, WxSessionIdGenerator ids) {
        this.account = account;
        this.scopes = scopes;
        this.ids = ids;
    }

    public WxAccount account() {
        return account;
    }

    /**
     * The live login session with this id; {@code null} if the id is unknown, expired,
     * invalidated, belongs to a session not created by login, or is not an id at all. Never creates one.
     */
    public @Nullable WxSession find(String sessionId) {
        if (!isSessionId(sessionId)) {
            return null;
        }
        WxSession session = account.sessionStore().getSession(sessionId, false);
        try {
            return session != null && WxHttpSessions.isLoginSession(session) ? session : null;
        } catch (IllegalStateException invalidatedMeanwhile) {
            return null;
        }
    }

    /**
     * Starts a request's unit of work on {@code sessionId}; end it on this thread. A client's
     * value that cannot name a session opens nothing: it is refused as an unknown id, and never
     * reaches the store, which would reject it as a programming error.
     */
    public WxHttpSessionScope openScope(String sessionId) {
        return isSessionId(sessionId) ? scopes.open(account.sessionStore(), sessionId) : WxHttpSessionScope.NONE;
    }

    /**
     * Whether a client's value can name a login session: ours all start with {@link #ID_PREFIX},
     * which no WeChat id (openid, WeCom UserID or ExternalUserID) can, so an id that is anything
     * else is refused before the store is asked, and a message session is never reached, not even
     * touched, through an HTTP request.
     */
    private static boolean isSessionId(String value) {
        return value != null && value.length() > ID_PREFIX.length() && value.length() <= WxSessionIds.MAX_LENGTH
                && value.startsWith(ID_PREFIX) && !value.isBlank();
    }

    /**
     * A new login session under a fresh id, for an application's own login (by phone number, say,
     * with the login endpoint off): put the user into it and hand {@link WxSession#getId()} to the
     * client. The requests that present the id then pass the check like those of the login endpoint.
     */
    public WxSession create() {
        return create(newId());
    }

    /** A new login session under {@code sessionId}, from {@link #newId()}; the login endpoint scopes it first. */
    WxSession create(String sessionId) {
        WxSession session = account.sessionStore().getSession(sessionId, true);
        if (!session.isNew()) {
            throw new IllegalStateException("the id generator repeated an id; it must make unguessable ids");
        }
        session.setAttribute(WxHttpSessions.LOGIN_MARKER, Boolean.TRUE);
        return session;
    }

    /** A fresh, unguessable session id, in the login sessions' own id space. */
    String newId() {
        return ID_PREFIX + ids.generateId();
    }
}
