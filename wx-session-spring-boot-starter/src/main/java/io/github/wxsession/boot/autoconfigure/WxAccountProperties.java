package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one account, as under {@code wx.accounts.<name>.*}. The single account directly
 * under {@code wx.*} is one of these too, held by {@link WxAccountsProperties}, which exposes only
 * its account fields there: the per-account overrides ({@code api-base-url},
 * {@code require-encryption}) have their own properties for the single account
 * ({@code wx.api.base-url}, {@code wx.callback.require-encryption}).
 */
public class WxAccountProperties {

    /**
     * Account type: {@code mp} (Official Account), {@code cp} (WeCom app), {@code aibot} (WeCom AI
     * bot) or {@code miniapp} (mini program).
     */
    private WxAccountType type = WxAccountType.MP;

    /** A mini program's message-push data format, {@code xml} or {@code json}, as in its admin console. */
    private WxMessageFormat messageFormat = WxMessageFormat.XML;

    /** AppID (for WeCom: the CorpID); with several accounts also the last segment of the callback path. */
    private @Nullable String appId;

    /** AppSecret (for WeCom: the app's corpsecret). */
    private @Nullable String secret;

    /** Callback Token, as set in the WeChat admin console. */
    private @Nullable String token;

    /** EncodingAESKey (43 characters); needed for safe / compatible mode and for WeCom. */
    private @Nullable String aesKey;

    /** WeCom AgentID, used when sending app messages. */
    private @Nullable Integer agentId;

    /** API root for this account; defaults to {@code wx.api.base-url}, else the official one. */
    private @Nullable String apiBaseUrl;

    /**
     * Refuse this account's POSTs that are not encrypted with a valid msg_signature (403); unset:
     * wx.callback.require-encryption.
     */
    private @Nullable Boolean requireEncryption;

    public WxAccountType getType() {
        return type;
    }

    public void setType(WxAccountType type) {
        this.type = type;
    }

    public WxMessageFormat getMessageFormat() {
        return messageFormat;
    }

    public void setMessageFormat(WxMessageFormat messageFormat) {
        this.messageFormat = messageFormat;
    }

    public @Nullable String getAppId() {
        return appId;
    }

    public void setAppId(@Nullable String appId) {
        this.appId = appId;
    }

    public @Nullable String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public @Nullable String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        this.token = token;
    }

    public @Nullable String getAesKey() {
        return aesKey;
    }

    public void setAesKey(@Nullable String aesKey) {
        this.aesKey = aesKey;
    }

    public @Nullable Integer getAgentId() {
        return agentId;
    }

    public void setAgentId(@Nullable Integer agentId) {
        this.agentId = agentId;
    }

    public @Nullable String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(@Nullable String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    public @Nullable Boolean getRequireEncryption() {
        return requireEncryption;
    }

    public void setRequireEncryption(@Nullable Boolean requireEncryption) {
        this.requireEncryption = requireEncryption;
    }
}
