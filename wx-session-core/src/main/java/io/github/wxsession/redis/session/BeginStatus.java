package io.github.wxsession.redis.session;

import java.util.List;

/** What {@code session-begin.lua} answered first in its reply; the ordinal is the script's code. */
enum BeginStatus {
    /** Another unit of work holds the session lock; nothing was written. */
    LOCKED,
    /** The session was live and has been touched; its fields follow. */
    LIVE,
    /** There was none, and a new one was created. */
    CREATED,
    /** It was idle past its timeout and was replaced by a new one; the old fields follow. */
    REPLACED,
    /** It was idle past its timeout and was deleted; its fields follow. */
    EXPIRED,
    /** There is none. */
    ABSENT,
    /** The message was handled already; its reply follows. */
    HANDLED,
    /** Another delivery of the message is being handled; nothing was written. */
    IN_PROGRESS,
    /** The message is claimed; no session was asked for. */
    NO_SESSION;

    private static final BeginStatus[] BY_CODE = values();

    static BeginStatus of(List<Object> reply) {
        return BY_CODE[(int) (long) (Long) reply.get(0)];
    }
}
