package io.github.wxsession.api;

import io.github.wxsession.crypto.WxSignatures;

/**
 * What a web page passes to {@code wx.config(...)} to use the JS-SDK: the app id, the nonce and
 * timestamp it was signed with, the page URL it is valid for, and the signature.
 *
 * @param appId the account's AppID ({@code appId} in {@code wx.config})
 * @param nonceStr the random string signed ({@code nonceStr})
 * @param timestamp seconds since the epoch ({@code timestamp})
 * @param url the page URL signed, without its {@code #fragment}
 * @param signature SHA-1 hex ({@code signature})
 */
public record WxJsapiSignature(String appId, String nonceStr, long timestamp, String url, String signature) {

    /**
     * Signs a page URL: SHA-1 of {@code jsapi_ticket=…&noncestr=…&timestamp=…&url=…}, the fields in
     * ASCII order with raw (not URL-encoded) values. The fragment is cut off first, since the
     * browser never sends it and WeChat signs without it.
     *
     * @param url the full URL of the page calling {@code wx.config}, query included
     */
    public static WxJsapiSignature sign(String appId, String jsapiTicket, String nonceStr, long timestamp, String url) {
        requireText(jsapiTicket, "jsapiTicket");
        requireText(nonceStr, "nonceStr");
        requireText(url, "url (the full URL of the page calling wx.config)");
        int fragment = url.indexOf('#');
        String signedUrl = fragment < 0 ? url : url.substring(0, fragment);
        String signature = WxSignatures.sha1Hex("jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr
                + "&timestamp=" + timestamp + "&url=" + signedUrl);
        return new WxJsapiSignature(appId, nonceStr, timestamp, signedUrl, signature);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required to sign for the JS-SDK");
        }
    }
}
