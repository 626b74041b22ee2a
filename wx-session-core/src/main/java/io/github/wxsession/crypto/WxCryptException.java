package io.github.wxsession.crypto;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A callback could not be verified, decrypted or encrypted, or an account's crypto settings are
 * invalid. Unchecked: callers map it to one HTTP status (and WeChat gets no handler's reply),
 * they do not recover per call site. Messages never contain key material.
 */
public class WxCryptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final WxCryptError error;

    /** A failure of the given kind, described by {@code message}. */
    public WxCryptException(WxCryptError error, String message) {
        this(error, message, null);
    }

    /** A failure of the given kind caused by {@code cause}. */
    public WxCryptException(WxCryptError error, String message, @Nullable Throwable cause) {
        super(Objects.requireNonNull(error, "error") + " (" + error.code() + "): " + message, cause);
        this.error = error;
    }

    /** What failed, as one of the official WXBizMsgCrypt codes. */
    public WxCryptError error() {
        return error;
    }

    /** The official numeric code, e.g. {@code -40001}; shorthand for {@code error().code()}. */
    public int code() {
        return error.code();
    }
}
