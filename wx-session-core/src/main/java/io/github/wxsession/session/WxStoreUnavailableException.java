package io.github.wxsession.session;

import org.jspecify.annotations.Nullable;

/**
 * The shared store (sessions, de-duplication records, credentials) could not be reached or did
 * not answer in time, so the operation was not done. Transient: the same call succeeds once the
 * store is back. A callback answers it with 503, so that WeChat retries the message.
 *
 * <p>Thrown by stores that live outside the process, e.g.
 * {@link io.github.wxsession.redis.WxRedisUnavailableException}; the in-memory stores never
 * throw it. Catch this type, not a store's own, to handle an outage whatever the store.
 */
public class WxStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not done and what to check
     * @param cause the store client's exception, {@code null} if nothing was sent
     */
    public WxStoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
