package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.api.WxService;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxConfigStorage;
import org.jspecify.annotations.Nullable;

/**
 * One configured account and what serves it: its crypto, token storage, API client and
 * sessions. Handlers learn which account a message came from through this.
 */
public final class WxAccount {

    private final WxAccountSettings settings;
    private final @Nullable WxMessageCrypt crypt;
    private final WxConfigStorage configStorage;
    private final WxService service;
    private final WxSessionStore sessionStore;

    public WxAccount(WxAccountSettings settings, WxConfigStorage configStorage, WxService service,
            WxSessionStore sessionStore) {
        this.settings = settings;
        this.crypt = settings.aesKey() == null ? null
                : WxMessageCrypt.of(settings.token(), settings.aesKey(), settings.receiveId());
        this.configStorage = configStorage;
        this.service = service;
        this.sessionStore = sessionStore;
    }

    /** {@code default} for the single account, else its key under {@code wx.accounts}. */
    public String name() {
        return settings.name();
    }

    public String appId() {
        return settings.appId();
    }

    /** What kind of account it is; it decides how its callbacks are read and answered. */
    public WxAccountType type() {
        return settings.type();
    }

    /** The API platform that serves it. */
    public WxApiType apiType() {
        return settings.apiType();
    }

    public WxAccountSettings settings() {
        return settings;
    }

    /** The message crypto, or {@code null} if the account has no EncodingAESKey (plain mode only). */
    public @Nullable WxMessageCrypt crypt() {
        return crypt;
    }

    public WxConfigStorage configStorage() {
        return configStorage;
    }

    public WxService service() {
        return service;
    }

    public WxSessionStore sessionStore() {
        return sessionStore;
    }

    @Override
    public String toString() {
        return "WxAccount[" + name() + ", " + type() + ", appId=" + appId() + "]";
    }
}
