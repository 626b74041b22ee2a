package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The accounts under {@code wx.*}: one directly ({@code wx.app-id}, {@code wx.token} …) or several
 * ({@code wx.accounts.<name>.*}). The single account's fields are a {@link WxAccountProperties}
 * this class holds and forwards to, rather than inherits, so {@code wx.*} offers exactly the
 * account fields and nothing of the per-account overrides. The other features' settings under
 * {@code wx.} have their own classes ({@link WxCallbackProperties}, {@link WxApiProperties} …);
 * none of them binds a name this one binds.
 */
@ConfigurationProperties("wx")
public class WxAccountsProperties {

    // Descriptions and defaults of the forwarded properties are in
    // META-INF/additional-spring-configuration-metadata.json: the processor reads them from fields.
    private final WxAccountProperties single = new WxAccountProperties();

    /**
     * Several accounts by name, each served at {@code <wx.callback.path>/<app-id>}. When set,
     * the single-account properties must be left empty.
     */
    private Map<String, WxAccountProperties> accounts = new LinkedHashMap<>();

    /** The account configured directly under {@code wx.*}; its app id is empty when there is none. */
    public WxAccountProperties single() {
        return single;
    }

    public Map<String, WxAccountProperties> getAccounts() {
        return accounts;
    }

    public void setAccounts(Map<String, WxAccountProperties> accounts) {
        this.accounts = accounts;
    }

    public WxAccountType getType() {
        return single.getType();
    }

    public void setType(WxAccountType type) {
        single.setType(type);
    }

    public WxMessageFormat getMessageFormat() {
        return single.getMessageFormat();
    }

    public void setMessageFormat(WxMessageFormat messageFormat) {
        single.setMessageFormat(messageFormat);
    }

    public @Nullable String getAppId() {
        return single.getAppId();
    }

    public void setAppId(@Nullable String appId) {
        single.setAppId(appId);
    }

    public @Nullable String getSecret() {
        return single.getSecret();
    }

    public void setSecret(@Nullable String secret) {
        single.setSecret(secret);
    }

    public @Nullable String getToken() {
        return single.getToken();
    }

    public void setToken(@Nullable String token) {
        single.setToken(token);
    }

    public @Nullable String getAesKey() {
        return single.getAesKey();
    }

    public void setAesKey(@Nullable String aesKey) {
        single.setAesKey(aesKey);
    }

    public @Nullable Integer getAgentId() {
        return single.getAgentId();
    }

    public void setAgentId(@Nullable Integer agentId) {
        single.setAgentId(agentId);
    }
}
