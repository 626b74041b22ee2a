package io.github.wxsession.boot.handler;

/** A {@link WxHandler} method is declared in a way that cannot work; fails startup. */
public class InvalidWxHandlerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public InvalidWxHandlerException(String message) {
        super(message);
    }

    public InvalidWxHandlerException(String message, Throwable cause) {
        super(message, cause);
    }
}
