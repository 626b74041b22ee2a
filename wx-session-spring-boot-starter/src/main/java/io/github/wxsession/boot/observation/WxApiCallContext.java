package io.github.wxsession.boot.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * One call of the WeChat API, around its retries and any token fetch it needed (which is a call
 * of its own, observed as a child).
 */
public class WxApiCallContext extends Observation.Context {

    private final String account;
    private final String path;
    private @Nullable Integer errorCode;

    /** @param path relative to the API root, without query, e.g. {@code cgi-bin/message/custom/send} */
    public WxApiCallContext(String account, String path) {
        this.account = account;
        this.path = path;
    }

    /** The configured account's name. */
    public String getAccount() {
        return account;
    }

    public String getPath() {
        return path;
    }

    /**
     * WeChat's {@code errcode}: 0 for success, -1 for a failure without one (I/O, a bad status);
     * {@code null} while the call runs.
     */
    public @Nullable Integer getErrorCode() {
        return errorCode;
    }

    public void setErrorCode(@Nullable Integer errorCode) {
        this.errorCode = errorCode;
    }
}
