package io.github.wxsession.boot.callback;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Why a callback request is answered without reaching a handler (or after a handler failed):
 * the HTTP status WeChat gets, and a short reason for logs and metrics. Thrown inside the
 * callback only; the response body never carries the detail.
 */
final class CallbackRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reasons, as metric tags. */
    enum Reason {
        UNKNOWN_ACCOUNT(404),
        MISSING_PARAMETER(400),
        SIGNATURE(403),
        TIMESTAMP(403),
        ENCRYPTION_REQUIRED(403),
        TOO_LARGE(413),
        MALFORMED_XML(400),
        CIPHERTEXT(400),
        APP_ID(400),
        NOT_ENCRYPTED(400),
        HANDLER_FAILED(500),
        IN_PROGRESS(503),
        SENDER_BUSY(503),
        LEASE_LOST(503),
        STORE_UNAVAILABLE(503),
        ACCOUNT_UNAVAILABLE(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    CallbackRejection(Reason reason, String detail) {
        this(reason, detail, null);
    }

    CallbackRejection(Reason reason, String detail, @Nullable Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
