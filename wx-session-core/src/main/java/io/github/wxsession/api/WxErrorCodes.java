package io.github.wxsession.api;

/**
 * What an {@code errcode} means to the client: whether the token was rejected, WeChat was busy,
 * or the call failed for a reason to fix, and then what to fix. Only the code is looked at:
 * {@code errmsg} carries varying hints and request ids.
 */
final class WxErrorCodes {

    static final int BUSY = -1;
    static final int INVALID_CREDENTIAL = 40001;
    static final int INVALID_ACCESS_TOKEN = 40014;
    static final int ACCESS_TOKEN_EXPIRED = 42001;

    private WxErrorCodes() {
    }

    /** The access token the call carried is invalid, expired or no longer the latest. */
    static boolean isTokenRejected(int code) {
        return code == INVALID_CREDENTIAL || code == INVALID_ACCESS_TOKEN || code == ACCESS_TOKEN_EXPIRED;
    }

    /** WeChat is busy; the same call may succeed a little later. */
    static boolean isBusy(int code) {
        return code == BUSY;
    }

    /**
     * The exception for a call that failed with {@code error}, its message extended by what to fix.
     *
     * @param tokenWasRefreshed whether the call already failed once with a token that was then replaced
     */
    static WxErrorException exception(ApiRequest request, WxError error, WxApiType type, boolean tokenWasRefreshed) {
        String hint = hint(error.errorCode(), type, request.withAccessToken(), tokenWasRefreshed);
        String message = request.describe() + " failed: " + error + (hint == null ? "" : " — " + hint);
        return new WxErrorException(error, message, null);
    }

    private static String hint(int code, WxApiType type, boolean withAccessToken, boolean tokenWasRefreshed) {
        boolean weCom = type == WxApiType.CP;
        switch (code) {
            case BUSY:
                return "WeChat stayed busy through every retry; try again later";
            case INVALID_CREDENTIAL:
                if (!withAccessToken || weCom) {
                    return weCom ? "the corpsecret is wrong: check the app's Secret in the WeCom admin console"
                            : "the AppSecret is wrong: check it (or reset it) in the admin console";
                }
                return tokenRefreshHint(tokenWasRefreshed, weCom);
            case INVALID_ACCESS_TOKEN, ACCESS_TOKEN_EXPIRED:
                return tokenRefreshHint(tokenWasRefreshed, weCom);
            case 40002:
                return "grant_type must be client_credential";
            case 40013:
                return weCom ? "the CorpID is invalid: check the app id (it is the CorpID for WeCom)"
                        : "the AppID is invalid: check the app id";
            case 40125:
                return "the AppSecret is invalid: check it, or reset it in the admin console if it was changed";
            case 40164:
                return "this server's IP is not on the account's IP whitelist: add the IP shown in errmsg"
                        + " to the whitelist in the admin console (Settings → Basic configuration)";
            case 60020:
                return "this server's IP is not among the app's trusted IPs: add the IP in the WeCom admin console";
            case 40243:
                return "the AppSecret is frozen: unfreeze or reset it in the admin console";
            case 40029, 40163:
                return "the login code is invalid, expired or already used: call wx.login() again for a new one";
            case 41001:
                return "the access_token parameter is missing";
            case 41002:
                return "the appid parameter is missing: configure the app id";
            case 41004:
                return "the secret parameter is missing: configure the AppSecret";
            case 45009:
                return "the daily quota of this API is used up: it resets at midnight Beijing time, or call"
                        + " cgi-bin/clear_quota (a few times a month) to reset it now";
            case 45011:
                return "the per-minute quota of this API is used up: call it less often";
            case 48001:
                return "the account may not call this API: check its type, verification and API permissions"
                        + " in the admin console";
            default:
                return null;
        }
    }

    private static String tokenRefreshHint(boolean tokenWasRefreshed, boolean weCom) {
        if (!tokenWasRefreshed) {
            return "the access token was rejected";
        }
        return weCom ? "a freshly fetched token was rejected too: check that the corpsecret belongs to this app"
                : "a freshly fetched token was rejected too: make sure nothing else fetches tokens with this"
                        + " AppSecret (each fetch invalidates the previous token) or turn on stable-token mode";
    }
}
