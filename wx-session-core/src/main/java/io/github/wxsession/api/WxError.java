package io.github.wxsession.api;

/**
 * An error answered by the WeChat API: its {@code errcode} and {@code errmsg}.
 *
 * @param errorCode the {@code errcode}; never 0
 * @param errorMessage the {@code errmsg} as WeChat sent it, possibly with a hint suffix
 */
public record WxError(int errorCode, String errorMessage) {

    @Override
    public String toString() {
        return "errcode=" + errorCode + ", errmsg=" + errorMessage;
    }
}
