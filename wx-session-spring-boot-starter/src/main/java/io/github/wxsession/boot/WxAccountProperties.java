package io.github.wxsession.boot;

import io.github.wxsession.api.WxApiType;

/**
 * The settings of one account: those of the single account directly under {@code wx.*}, and of
 * each of several under {@code wx.accounts.<name>.*}.
 */
public class WxAccountProperties {

    /** Platform: {@code mp} (Official Account / mini program) or {@code cp} (WeCom). */
    private WxApiType type = WxApiType.MP;

    /** AppID (for WeCom: the CorpID); with several accounts also the last segment of the callback path. */
    private String appId;

    /** AppSecret (for WeCom: the app's corpsecret). */
    private String secret;

    /** Callback Token, as set in the WeChat admin console. */
    private String token;

    /** EncodingAESKey (43 characters); needed for safe / compatible mode and for WeCom. */
    private String aesKey;

    /** WeCom AgentID, used when sending app messages. */
    private Integer agentId;

    public WxApiType getType() {
        return type;
    }

    public void setType(WxApiType type) {
        this.type = type;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getAesKey() {
        return aesKey;
    }

    public void setAesKey(String aesKey) {
        this.aesKey = aesKey;
    }

    public Integer getAgentId() {
        return agentId;
    }

    public void setAgentId(Integer agentId) {
        this.agentId = agentId;
    }
}
