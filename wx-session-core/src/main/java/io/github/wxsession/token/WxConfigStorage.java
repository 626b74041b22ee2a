package io.github.wxsession.token;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The configuration and the short-lived credentials of one WeChat account.
 * <p>
 * The account values ({@linkplain #getAppId() app id}, {@linkplain #getSecret() secret},
 * {@linkplain #getToken() callback token}, {@linkplain #getAesKey() AES key}) are fixed. The
 * credentials ({@link WxTokenType}: access token, jsapi ticket) share one lifecycle, expressed by
 * the {@code ...Credential} methods; the named methods ({@link #getAccessToken()},
 * {@link #updateJsapiTicket(String, int)}, ...) are shorthands for them.
 * <p>
 * A credential counts as expired ahead of its real expiry (see {@link RefreshAhead}), so callers
 * replace it while it still works. Implementations are thread-safe; one backed by a shared store
 * makes its {@link #refreshLock(WxTokenType) refresh lock} cluster-wide as well.
 */
public interface WxConfigStorage {

    /** The account's AppID (for WeCom: the CorpID). */
    String getAppId();

    /** The AppSecret (for WeCom: the app's corpsecret). */
    String getSecret();

    /** The callback Token the message signatures are computed with, or {@code null} if unused. */
    @Nullable String getToken();

    /** The 43-character EncodingAESKey of safe mode, or {@code null} if unused. */
    @Nullable String getAesKey();

    /**
     * The stored credential, or {@code null} if there is none or it is expired (which includes
     * being within the refresh-ahead margin). One read, so a shared store answers in one round trip.
     */
    @Nullable String getCredential(WxTokenType type);

    /**
     * When the stored credential counts as expired (its real expiry less the refresh-ahead margin),
     * without its value: what a health check may show. {@code null} if there is none, it is
     * expired, or this storage cannot tell (the default).
     */
    default @Nullable Instant getCredentialExpiresAt(WxTokenType type) {
        return null;
    }

    /** Whether the credential must be fetched before use. */
    default boolean isCredentialExpired(WxTokenType type) {
        return getCredential(type) == null;
    }

    /**
     * Stores a freshly fetched credential.
     *
     * @param expiresInSeconds its lifetime as WeChat answered it ({@code expires_in}); positive
     */
    void updateCredential(WxTokenType type, String value, int expiresInSeconds);

    /** Forgets the credential, so the next use fetches a new one. */
    void expireCredential(WxTokenType type);

    /**
     * Forgets the credential only if it is still {@code failedValue}, atomically. A caller whose
     * call was rejected with an expired token uses this, so that a token another caller has
     * already replaced in the meantime is not thrown away (and fetched once more) for nothing.
     *
     * @return whether the credential was expired by this call
     */
    boolean expireCredentialIfCurrent(WxTokenType type, String failedValue);

    /** The lock under which the credential is re-checked, fetched and stored. */
    RefreshLock refreshLock(WxTokenType type);

    /** The access token, or {@code null} if none or expired; see {@link #getCredential}. */
    default @Nullable String getAccessToken() {
        return getCredential(WxTokenType.ACCESS_TOKEN);
    }

    /** When the access token counts as expired, without its value; see {@link #getCredentialExpiresAt}. */
    default @Nullable Instant getAccessTokenExpiresAt() {
        return getCredentialExpiresAt(WxTokenType.ACCESS_TOKEN);
    }

    /** Whether the access token must be fetched before use. */
    default boolean isAccessTokenExpired() {
        return isCredentialExpired(WxTokenType.ACCESS_TOKEN);
    }

    /** Forgets the access token. */
    default void expireAccessToken() {
        expireCredential(WxTokenType.ACCESS_TOKEN);
    }

    /** Stores a fresh access token valid for {@code expiresInSeconds}. */
    default void updateAccessToken(String accessToken, int expiresInSeconds) {
        updateCredential(WxTokenType.ACCESS_TOKEN, accessToken, expiresInSeconds);
    }

    /** The jsapi ticket, or {@code null} if none or expired; see {@link #getCredential}. */
    default @Nullable String getJsapiTicket() {
        return getCredential(WxTokenType.JSAPI_TICKET);
    }

    /** Whether the jsapi ticket must be fetched before use. */
    default boolean isJsapiTicketExpired() {
        return isCredentialExpired(WxTokenType.JSAPI_TICKET);
    }

    /** Forgets the jsapi ticket. */
    default void expireJsapiTicket() {
        expireCredential(WxTokenType.JSAPI_TICKET);
    }

    /** Stores a fresh jsapi ticket valid for {@code expiresInSeconds}. */
    default void updateJsapiTicket(String jsapiTicket, int expiresInSeconds) {
        updateCredential(WxTokenType.JSAPI_TICKET, jsapiTicket, expiresInSeconds);
    }
}
