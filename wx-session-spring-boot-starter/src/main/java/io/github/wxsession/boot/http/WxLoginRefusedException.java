package io.github.wxsession.boot.http;

/** Thrown by a {@link WxLoginHandler} to refuse a login; the message, if any, is shown to the client. */
public class WxLoginRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal answered with {@code wx.http-session.login.refused-message}. */
    public WxLoginRefusedException() {
        super(null, null, false, false);
    }

    /** A refusal answered with {@code message}, which the client sees: keep internals out of it. */
    public WxLoginRefusedException(String message) {
        super(message, null, false, false);
    }
}
