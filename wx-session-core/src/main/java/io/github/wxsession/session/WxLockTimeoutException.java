package io.github.wxsession.session;

/**
 * A lock of the shared store (a session's, or a credential's refresh lock) stayed held by
 * another unit of work for the whole bounded wait, so the operation was not done. Its holder is
 * slow, or crashed, in which case the lock frees itself within its lease: the same call succeeds
 * later. A callback answers it with 503, so that WeChat retries the message.
 *
 * <p>The in-memory stores never throw it: their waits end when the holder is done.
 */
public class WxLockTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which lock, how long it was waited for, and why it may be held */
    public WxLockTimeoutException(String message) {
        super(message);
    }
}
