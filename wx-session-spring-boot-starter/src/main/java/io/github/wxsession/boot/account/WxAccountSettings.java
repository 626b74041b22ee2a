package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.crypto.WxCryptException;
import io.github.wxsession.crypto.WxMessageCrypt;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One account's configuration as bound from {@code wx.*} or {@code wx.accounts.<name>.*}, or as a
 * {@link WxAccountRepository} built it with {@link #builder}. A record equals another with the
 * same values, which is how a repository's change (a rotated secret, token or key) is noticed.
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

    /**
     * Settings for an account of a {@link WxAccountRepository}, e.g. read from a database; named
     * by its app id unless {@link Builder#name} says otherwise.
     */
    public static Builder builder(WxAccountType type, String appId) {
        return new Builder(type, appId);
    }

    /**
     * Checks that the settings can work: an app id, a secret unless it is an AI bot, a token, a
     * valid EncodingAESKey where one is required.
     *
     * @return these settings
     * @throws InvalidWxAccountException naming the field to fix
     */
    public WxAccountSettings validate() {
        if (type == null) {
            throw new InvalidWxAccountException("type", "The account type must be 'mp' (Official Account), 'cp'"
                    + " (WeCom app), 'aibot' (WeCom AI bot) or 'miniapp' (mini program)");
        }
        if (isBlank(appId)) {
            throw new InvalidWxAccountException("app-id",
                    "Every account needs its app id (for WeCom: the corp id; for an AI bot: the bot id)");
        }
        if (isBlank(secret) && type != WxAccountType.AIBOT) {
            throw new InvalidWxAccountException("secret",
                    "The AppSecret (WeCom: the app's corpsecret) is required to fetch access tokens");
        }
        if (isBlank(token)) {
            throw new InvalidWxAccountException("token",
                    "The callback token is required to verify WeChat's signatures; copy it from the admin console");
        }
        if (aesKey != null) {
            try {
                WxMessageCrypt.of(token, aesKey, receiveId());
            } catch (WxCryptException e) {
                throw new InvalidWxAccountException("aes-key", "The EncodingAESKey is invalid: " + e.getMessage());
            }
        } else if (requireEncryption) {
            throw new InvalidWxAccountException("aes-key", "Encryption is required for this account"
                    + " (require-encryption), so it needs its 43-character EncodingAESKey");
        } else if (apiType() == WxApiType.CP) {
            throw new InvalidWxAccountException("aes-key", "WeCom encrypts every callback: set the 43-character"
                    + " EncodingAESKey");
        }
        return this;
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** Never prints the secret, token or key. */
    @Override
    public String toString() {
        return "WxAccountSettings[" + name + ", " + type + ", appId=" + appId + "]";
    }

    /** Builds the settings of a repository's account. Not thread-safe. */
    public static final class Builder {

        private final WxAccountType type;
        private final String appId;
        private String name;
        private String secret = "";
        private String token = "";
        private @Nullable String aesKey;
        private @Nullable Integer agentId;
        private @Nullable String apiBaseUrl;
        private boolean requireEncryption;
        private @Nullable WxMessageFormat messageFormat;

        private Builder(WxAccountType type, String appId) {
            this.type = Objects.requireNonNull(type, "type must not be null");
            this.appId = Objects.requireNonNull(appId, "appId must not be null");
            this.name = appId;
        }

        /** What handlers name it by ({@code @WxHandler(account = ...)}); its app id by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /** The AppSecret (WeCom: the app's corpsecret); none for an AI bot. */
        public Builder secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret must not be null");
            return this;
        }

        /** The callback token. */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token must not be null");
            return this;
        }

        /** The 43-character EncodingAESKey, or {@code null} for plain mode only. */
        public Builder aesKey(@Nullable String aesKey) {
            this.aesKey = aesKey;
            return this;
        }

        /** The WeCom AgentID, for sending app messages. */
        public Builder agentId(@Nullable Integer agentId) {
            this.agentId = agentId;
            return this;
        }

        /** The API root, or {@code null} for the official one. */
        public Builder apiBaseUrl(@Nullable String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        /** Whether unencrypted POSTs are refused. */
        public Builder requireEncryption(boolean requireEncryption) {
            this.requireEncryption = requireEncryption;
            return this;
        }

        /** A mini program's message format; XML by default. Ignored for other types. */
        public Builder messageFormat(@Nullable WxMessageFormat messageFormat) {
            this.messageFormat = messageFormat;
            return this;
        }

        /**
         * The validated settings.
         *
         * @throws InvalidWxAccountException naming the field to fix
         */
        public WxAccountSettings build() {
            return new WxAccountSettings(name, "account " + appId, type, appId, secret, token, aesKey, agentId,
                    apiBaseUrl, requireEncryption, formatOf(type, messageFormat)).validate();
        }
    }

    /** The AI bot is JSON whatever was configured; a mini program as configured; the rest XML. */
    public static WxMessageFormat formatOf(WxAccountType type, @Nullable WxMessageFormat configured) {
        return switch (type) {
            case AIBOT -> WxMessageFormat.JSON;
            case MINIAPP -> configured == null ? WxMessageFormat.XML : configured;
            default -> WxMessageFormat.XML;
        };
    }
}
