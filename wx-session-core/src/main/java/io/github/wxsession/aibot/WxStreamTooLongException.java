package io.github.wxsession.aibot;

/**
 * A stream's content would exceed WeCom's {@value WxStream#MAX_CONTENT_BYTES} UTF-8 bytes. The
 * stream keeps its content from before the write; finish it, or send the rest through the
 * message's {@code response_url}.
 */
public class WxStreamTooLongException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WxStreamTooLongException(String message) {
        super(message);
    }
}
