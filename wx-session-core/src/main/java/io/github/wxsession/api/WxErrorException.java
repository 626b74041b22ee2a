package io.github.wxsession.api;

import org.jspecify.annotations.Nullable;

/** A WeChat API call failed; {@link #getError()} says how. */
public class WxErrorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient WxError error;

    public WxErrorException(WxError error) {
        this(error, null);
    }

    public WxErrorException(WxError error, @Nullable Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    public WxErrorException(WxError error, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The error WeChat answered (or the local one standing for it). */
    public WxError getError() {
        return error;
    }
}
