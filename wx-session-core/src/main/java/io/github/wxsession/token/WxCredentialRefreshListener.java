package io.github.wxsession.token;

import org.jspecify.annotations.Nullable;

/**
 * Hears every upstream fetch of a credential (access token or jsapi ticket), for metrics and
 * alerting: a refresh that keeps failing is how a wrong secret or a missing IP whitelist entry
 * shows up in production.
 */
@FunctionalInterface
public interface WxCredentialRefreshListener {

    /** Hears nothing. */
    WxCredentialRefreshListener NONE = (appId, type, failure) -> { };

    /**
     * @param failure why the fetch failed, or {@code null} if the new credential was stored
     */
    void refreshed(String appId, WxTokenType type, @Nullable Exception failure);
}
