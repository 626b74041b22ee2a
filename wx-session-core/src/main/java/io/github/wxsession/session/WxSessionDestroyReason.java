package io.github.wxsession.session;

/** Why a session ended, as told to {@link WxSessionListener#sessionDestroyed}. */
public enum WxSessionDestroyReason {

    /** It was idle for longer than its max inactive interval. */
    EXPIRED,

    /** Application code called {@link WxSession#invalidate()}. */
    INVALIDATED,

    /** The store dropped it although it was live, e.g. an in-memory store that was closed. */
    EVICTED
}
