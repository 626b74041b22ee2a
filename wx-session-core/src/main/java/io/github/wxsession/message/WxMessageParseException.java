package io.github.wxsession.message;

/**
 * A callback body (or one of its values) is not a WeChat message this library accepts.
 *
 * <p>Every malformed or hostile body fails with this one exception, so a callback endpoint
 * needs a single handler that answers 4xx; {@link #getReason()} says which rule was broken,
 * for the status code (e.g. 413 for {@link Reason#TOO_LARGE}) and for metrics.
 */
public class WxMessageParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a body or value was refused. */
    public enum Reason {
        /** The body is empty or only whitespace. */
        EMPTY,
        /** The body is longer than the parser's limit. */
        TOO_LARGE,
        /** The bytes are not valid UTF-8. */
        INVALID_ENCODING,
        /** The body declares a DTD ({@code <!DOCTYPE ...>}), the vehicle of XXE and entity expansion. */
        DOCTYPE,
        /** The body is not well-formed XML. */
        MALFORMED,
        /** The root element is not {@code <xml>}. */
        UNEXPECTED_ROOT,
        /** Elements are nested deeper than the parser's limit. */
        TOO_DEEP,
        /** The body has more elements than the parser's limit. */
        TOO_MANY_ELEMENTS,
        /** A numeric element (e.g. {@code CreateTime}) does not hold a number; raised by the typed getter. */
        INVALID_NUMBER
    }

    private final Reason reason;

    public WxMessageParseException(Reason reason, String message) {
        this(reason, message, null);
    }

    public WxMessageParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
    }

    /** Which rule the body broke. */
    public Reason getReason() {
        return reason;
    }
}
