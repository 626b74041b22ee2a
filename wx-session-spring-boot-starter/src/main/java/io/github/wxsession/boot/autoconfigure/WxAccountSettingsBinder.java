package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.InvalidWxAccountException;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Turns {@link WxAccountsProperties} (with the defaults an account takes from {@code wx.api.*} and
 * {@code wx.callback.*}) into validated {@link WxAccountSettings}, failing at startup with the name
 * of the property to fix rather than at the first message.
 */
final class WxAccountSettingsBinder {

    private static final String HIDDEN = "(hidden)";

    private WxAccountSettingsBinder() {
    }

    /**
     * The configured accounts: the single one of {@code wx.app-id}, or those of {@code wx.accounts};
     * empty if neither is set.
     *
     * @throws InvalidConfigurationPropertyValueException naming the property that is missing or wrong
     */
    static List<WxAccountSettings> bind(WxAccountsProperties properties, WxApiProperties api,
            WxCallbackProperties callback) {
        boolean single = StringUtils.hasText(properties.getAppId());
        if (single && !properties.getAccounts().isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("wx.accounts", properties.getAccounts().keySet(),
                    "Configure either one account (wx.app-id, wx.token, ...) or several (wx.accounts.<name>.*), not both");
        }
        List<WxAccountSettings> accounts = new ArrayList<>();
        if (single) {
            accounts.add(validate(new WxAccountSettings(WxAccountSettings.DEFAULT_NAME, "wx", properties.getType(),
                    properties.getAppId(), secret(properties.getType(), properties.getSecret()),
                    properties.getToken(), properties.getAesKey(),
                    properties.getAgentId(), api.getBaseUrl(), callback.isRequireEncryption(),
                    WxAccountSettings.formatOf(properties.getType(), properties.getMessageFormat()))));
        }
        Map<String, String> accountByAppId = new HashMap<>();
        properties.getAccounts().forEach((name, account) -> {
            String prefix = "wx.accounts." + name;
            String baseUrl = account.getApiBaseUrl() != null ? account.getApiBaseUrl() : api.getBaseUrl();
            boolean requireEncryption = account.getRequireEncryption() != null ? account.getRequireEncryption()
                    : callback.isRequireEncryption();
            WxAccountSettings settings = validate(new WxAccountSettings(name, prefix, account.getType(),
                    account.getAppId(), secret(account.getType(), account.getSecret()),
                    account.getToken(), account.getAesKey(),
                    account.getAgentId(), baseUrl, requireEncryption,
                    WxAccountSettings.formatOf(account.getType(), account.getMessageFormat())));
            String other = accountByAppId.putIfAbsent(settings.appId(), name);
            if (other != null) {
                throw new InvalidConfigurationPropertyValueException(settings.property("app-id"), settings.appId(),
                        "Accounts '" + other + "' and '" + name + "' have the same app id; each account needs its own");
            }
            accounts.add(settings);
        });
        return List.copyOf(accounts);
    }

    /** An AI bot has no secret (nothing of it needs an access token): {@code ""} unless one is set. */
    private static String secret(WxAccountType type, String configured) {
        return type == WxAccountType.AIBOT && configured == null ? "" : configured;
    }

    private static WxAccountSettings validate(WxAccountSettings settings) {
        try {
            return settings.validate();
        } catch (InvalidWxAccountException e) {
            boolean secret = e.field().equals("aes-key") && settings.aesKey() != null;
            throw new InvalidConfigurationPropertyValueException(settings.property(e.field()),
                    secret ? HIDDEN : null, e.getMessage());
        }
    }
}
