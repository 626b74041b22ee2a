package io.github.wxsession.token;

/**
 * The short-lived credentials a {@link WxConfigStorage} keeps. Both follow the same lifecycle:
 * fetched on demand, refreshed ahead of expiry, expired early when WeChat rejects them, and
 * refreshed by one caller at a time under the storage's {@link RefreshLock}.
 */
public enum WxTokenType {

    /** The {@code access_token} every WeChat API call carries. */
    ACCESS_TOKEN,

    /** The {@code jsapi_ticket} the JS-SDK signature is computed from. */
    JSAPI_TICKET
}
