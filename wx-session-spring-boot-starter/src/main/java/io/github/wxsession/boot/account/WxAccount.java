package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.api.WxService;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxConfigStorage;
import org.jspecify.annotations.Nullable;

/**
 * One account and what serves it: its crypto, token storage, API client and sessions. Handlers
 * learn which account a message came from through this.
 *
 * <p>One object per app id for as long as the account exists: when its repository rotates the
 * secret, token or AES key, the credentials inside are replaced and everything else (its
 * sessions, its router with the messages in flight) stays.
 */
public final class WxAccount {

    /** What a rotation replaces, swapped at once so a reader never sees a token with the old key. */
    private record Credentials(WxAccountSettings settings, @Nullable WxMessageCrypt crypt,
            WxConfigStorage configStorage) {
    }

    private volatile Credentials credentials;
    private final RotatingWxService service;
    private final WxSessionStore sessionStore;

    public WxAccount(WxAccountSettings settings, WxConfigStorage configStorage, WxService service,
            WxSessionStore sessionStore) {
        this.credentials = credentials(settings, configStorage);
        this.service = new RotatingWxService(service);
        this.sessionStore = sessionStore;
    }

    private static Credentials credentials(WxAccountSettings settings, WxConfigStorage configStorage) {
        WxMessageCrypt crypt = settings.aesKey() == null ? null
                : WxMessageCrypt.of(settings.token(), settings.aesKey(), settings.receiveId());
        return new Credentials(settings, crypt, configStorage);
    }

    /**
     * Takes the repository's new settings of this account: of the same name, type and app id, with
     * another secret, token, key or API setting. Callbacks verified from now on use the new token
     * and key, API calls the new secret.
     */
    void rotate(WxAccountSettings settings, WxConfigStorage configStorage, WxService client) {
        credentials = credentials(settings, configStorage);
        service.rotate(client);
    }

    /** Whether {@code settings} can replace this account's by {@link #rotate}, rather than a new account. */
    boolean canRotateTo(WxAccountSettings settings) {
        WxAccountSettings now = settings();
        return now.name().equals(settings.name()) && now.type() == settings.type()
                && now.appId().equals(settings.appId());
    }

    /** {@code default} for the single account, else its key under {@code wx.accounts} or its repository's name. */
    public String name() {
        return settings().name();
    }

    public String appId() {
        return settings().appId();
    }

    /** What kind of account it is; it decides how its callbacks are read and answered. */
    public WxAccountType type() {
        return settings().type();
    }

    /** The API platform that serves it. */
    public WxApiType apiType() {
        return settings().apiType();
    }

    /** The current settings. */
    public WxAccountSettings settings() {
        return credentials.settings();
    }

    /** The message crypto, or {@code null} if the account has no EncodingAESKey (plain mode only). */
    public @Nullable WxMessageCrypt crypt() {
        return credentials.crypt();
    }

    /** The token storage of the current credentials. */
    public WxConfigStorage configStorage() {
        return credentials.configStorage();
    }

    /** The API client; it follows rotations, so it may be kept. */
    public WxService service() {
        return service;
    }

    /**
     * The API client of the current credentials (an {@code HttpWxService} unless a
     * {@link WxServiceFactory} made another), e.g. to read its configuration; {@link #service()}
     * is the one to keep.
     */
    public WxService client() {
        return service.current();
    }

    public WxSessionStore sessionStore() {
        return sessionStore;
    }

    @Override
    public String toString() {
        return "WxAccount[" + name() + ", " + type() + ", appId=" + appId() + "]";
    }
}
