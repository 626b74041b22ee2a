package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxApiType;

/**
 * What kind of account an account is ({@code wx.type}): it decides how its callbacks are read and
 * answered, and which API platform serves it.
 */
public enum WxAccountType {

    /** An Official Account (公众号): XML callbacks, passive replies. */
    MP(WxApiType.MP),

    /** A WeCom (企业微信) self-built app: encrypted XML callbacks, passive replies. */
    CP(WxApiType.CP),

    /**
     * A WeCom intelligent robot (智能机器人) in callback mode: encrypted JSON callbacks
     * ({@code receiveid} is the empty string), replies streamed ({@code WxStream}); {@code app-id}
     * holds the bot id ({@code aibotid}) and no secret is needed.
     */
    AIBOT(WxApiType.CP),

    /**
     * A mini program (小程序) with message push: XML or JSON callbacks ({@code message-format}); it
     * cannot reply passively, so replies go out through the customer-service API.
     */
    MINIAPP(WxApiType.MP);

    private final WxApiType apiType;

    WxAccountType(WxApiType apiType) {
        this.apiType = apiType;
    }

    /** The API platform: its host and token endpoint. */
    public WxApiType apiType() {
        return apiType;
    }
}
