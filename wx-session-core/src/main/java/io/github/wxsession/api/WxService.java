package io.github.wxsession.api;

/**
 * The WeChat API client of one account, as message handlers and the router see it.
 * Implemented over the JDK's HTTP client in this package.
 */
public interface WxService {

    /** A valid access token, fetched or refreshed when it is missing or about to expire. */
    default String getAccessToken() throws WxErrorException {
        return getAccessToken(false);
    }

    /**
     * A valid access token.
     *
     * @param forceRefresh fetch a new token even if the stored one is still valid
     */
    String getAccessToken(boolean forceRefresh) throws WxErrorException;
}
