package io.github.wxsession.redis.attribute;

/**
 * A session attribute value could not be encoded (its type is not supported or not allowed) or
 * stored bytes could not be decoded (malformed, or naming a type that is not allowed).
 */
public class WxSessionAttributeSerializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WxSessionAttributeSerializationException(String message) {
        super(message);
    }

    public WxSessionAttributeSerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stored bytes that are not an encoded attribute, for {@code detail}. */
    static WxSessionAttributeSerializationException malformed(String detail) {
        return new WxSessionAttributeSerializationException("malformed session attribute: " + detail);
    }
}
