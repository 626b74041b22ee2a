package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxApiType;
import org.jspecify.annotations.Nullable;

/**
 * One account's configuration as bound from {@code wx.*} or {@code wx.accounts.<name>.*},
 * already validated.
 *
 * @param name {@code default} for the single account, else the key under {@code wx.accounts}
 * @param propertyPrefix where the settings came from, e.g. {@code wx} or {@code wx.accounts.shop},
 *        so errors can name the property to fix
 * @param aesKey the EncodingAESKey, or {@code null} when the account runs in plain mode only
 * @param agentId the WeCom AgentID, or {@code null}
 * @param apiBaseUrl the API root, or {@code null} for the official one of {@code type}
 * @param requireEncryption whether the callback refuses this account's unencrypted POSTs
 * @param messageFormat the data format of its callbacks: JSON for the AI bot, the configured one for a
 *        mini program, XML otherwise
 */
public record WxAccountSettings(String name, String propertyPrefix, WxAccountType type, String appId, String secret,
        String token, @Nullable String aesKey, @Nullable Integer agentId, @Nullable String apiBaseUrl,
        boolean requireEncryption, WxMessageFormat messageFormat) {

    /** The name of the account configured with {@code wx.app-id} and friends. */
    public static final String DEFAULT_NAME = "default";

    /** The API platform of the account's type. */
    public WxApiType apiType() {
        return type.apiType();
    }

    /**
     * The receiveId its encrypted callbacks end with: the app id (corp id), or the empty string
     * for the AI bot.
     */
    public String receiveId() {
        return type == WxAccountType.AIBOT ? "" : appId;
    }

    /** The property that sets {@code field} of this account, e.g. {@code wx.accounts.shop.aes-key}. */
    public String property(String field) {
        return propertyPrefix + "." + field;
    }

    /** Never prints the secret, token or key. */
    @Override
    public String toString() {
        return "WxAccountSettings[" + name + ", " + type + ", appId=" + appId + "]";
    }
}
