package io.github.wxsession.boot.observation;

import io.github.wxsession.message.WxXmlMessage;
import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * One callback request as it is served. Filled in as it becomes known: the account and message
 * once the request is verified and read, the outcome once it is answered. A request refused
 * earlier has neither account nor message.
 */
public class WxCallbackContext extends Observation.Context {

    private final @Nullable HttpServletRequest request;
    private @Nullable String account;
    private @Nullable WxXmlMessage message;
    private @Nullable String outcome;

    /** @param request the servlet request, if the callback runs in one */
    public WxCallbackContext(@Nullable HttpServletRequest request) {
        this.request = request;
    }

    public @Nullable HttpServletRequest getRequest() {
        return request;
    }

    /** The configured account's name ({@code default} for {@code wx.app-id}), once known. */
    public @Nullable String getAccount() {
        return account;
    }

    public void setAccount(@Nullable String account) {
        this.account = account;
    }

    /** The verified, decrypted message, once read. */
    public @Nullable WxXmlMessage getMessage() {
        return message;
    }

    public void setMessage(@Nullable WxXmlMessage message) {
        this.message = message;
    }

    /**
     * How the request ended: {@code reply}, {@code success}, {@code late}, {@code error}, or the
     * reason it was refused (e.g. {@code signature}); {@code null} while it runs.
     */
    public @Nullable String getOutcome() {
        return outcome;
    }

    public void setOutcome(@Nullable String outcome) {
        this.outcome = outcome;
    }
}
