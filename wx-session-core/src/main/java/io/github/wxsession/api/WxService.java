package io.github.wxsession.api;

import java.util.Map;

/**
 * The WeChat API client of one account, as message handlers and the router see it.
 * Implemented over the JDK's HTTP client by {@link HttpWxService}.
 * <p>
 * Every call appends the access token, refreshes it once when WeChat rejects it, retries while
 * WeChat is busy, and turns an {@code errcode} into a {@link WxErrorException}.
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

    /**
     * Calls an API by GET, for APIs without a typed method here.
     *
     * @param path relative to the API root, e.g. {@code cgi-bin/user/info}
     * @param query query parameters besides {@code access_token}, encoded here
     * @return the JSON answer
     */
    String get(String path, Map<String, String> query) throws WxErrorException;

    /**
     * Calls an API by POST with a JSON body, for APIs without a typed method here. A POST that
     * failed after it may have reached WeChat is not sent again.
     *
     * @param path relative to the API root, e.g. {@code cgi-bin/menu/create}
     * @return the JSON answer
     */
    String post(String path, String jsonBody) throws WxErrorException;

    /**
     * Sends a message to a user outside the passive reply (customer-service message for an
     * Official Account, app message for WeCom): how asynchronous handlers reply.
     */
    void sendCustomMessage(WxCustomMessage message) throws WxErrorException;

    /**
     * A WeCom AI bot's active reply through a message's {@code response_url}
     * ({@code https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=…}), e.g. the JSON
     * of {@code WxAibotReplies.markdown(…)}. The URL may be used once, within an hour of the
     * message, so the call is never sent twice; it needs no access token. The call goes to this
     * service's API root, so a test or emulator root serves it too.
     *
     * @throws IllegalArgumentException if {@code responseUrl} is not such a URL
     * @throws WxErrorException if WeCom refused it (used already, expired)
     */
    void respond(String responseUrl, String json) throws WxErrorException;

    /** A valid jsapi ticket, cached and refreshed like the access token. */
    default String getJsapiTicket() throws WxErrorException {
        return getJsapiTicket(false);
    }

    /**
     * A valid jsapi ticket.
     *
     * @param forceRefresh fetch a new ticket even if the stored one is still valid
     */
    String getJsapiTicket(boolean forceRefresh) throws WxErrorException;

    /**
     * Signs a page for {@code wx.config} with a fresh nonce, the current time and the jsapi ticket.
     *
     * @param url the full URL of the page, query included; a {@code #fragment} is ignored
     */
    WxJsapiSignature createJsapiSignature(String url) throws WxErrorException;

    /**
     * Exchanges a mini-program login code ({@code wx.login()}) for the user's openid and session key.
     * A code works once and for five minutes.
     */
    WxCode2SessionResult code2Session(String jsCode) throws WxErrorException;
}
