package io.github.wxsession.session;

import org.jspecify.annotations.Nullable;

/** Finds and creates {@link WxSession}s by id. */
public interface WxSessionManager {

    /**
     * The live session with this id, created atomically if there is none (or it has expired).
     *
     * @throws IllegalArgumentException if the id is {@code null}, blank or longer than 256 characters
     */
    WxSession getSession(String sessionId);

    /**
     * The live session with this id; when there is none, a new one if {@code create} is
     * {@code true}, else {@code null}.
     *
     * @throws IllegalArgumentException if the id is {@code null}, blank or longer than 256 characters
     */
    @Nullable WxSession getSession(String sessionId, boolean create);
}
