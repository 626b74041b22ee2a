package io.github.wxsession.boot.actuate;

import io.github.wxsession.boot.account.WxAccountType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One account's state at a health check, in plain values: what the Boot line's health contributor
 * turns into a component of {@code wx}. Holds nothing secret: no token, secret or AES key.
 * <p>
 * The account is down only while its session store does not answer: then every callback of it is
 * answered 503. A failed API call is shown, never made DOWN: the callbacks (and their passive
 * replies, which need no token) still work, and taking the instance out of service would stop
 * them without fixing what only the account's admin console can (an IP whitelist, a quota).
 *
 * @param name the account's name ({@code default} for the single account)
 * @param appId its app id (corp id, bot id)
 * @param type what kind of account it is
 * @param accessTokenExpiresAt when the access token held counts as expired, {@code null} if none is
 *        held (it is fetched by the next call) or {@code accessTokenKnown} is {@code false}
 * @param accessTokenKnown {@code false} if the token's storage could not be asked
 * @param lastApiError the last failed API call, {@code null} if none
 * @param lastApiSuccessAt when an API call last succeeded, {@code null} if none has
 * @param storeType {@code memory}, {@code redis}, or the store's class name
 * @param storeError why the session store did not answer, {@code null} if it did
 */
public record WxAccountHealth(String name, String appId, WxAccountType type, @Nullable Instant accessTokenExpiresAt,
        boolean accessTokenKnown, @Nullable WxApiFailure lastApiError, @Nullable Instant lastApiSuccessAt,
        String storeType, @Nullable String storeError) {

    /** Whether the account can take callbacks: its session store answers. */
    public boolean up() {
        return storeError == null;
    }

    /** As health details, in a stable order: every value a string, a number, a boolean or such a map. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("appId", appId);
        details.put("type", type.name().toLowerCase(Locale.ROOT));
        details.put("accessTokenExpiresAt", !accessTokenKnown ? "unknown"
                : accessTokenExpiresAt == null ? "none" : shown(accessTokenExpiresAt));
        if (lastApiError != null) {
            details.put("lastApiError", lastApiError.details());
        }
        if (lastApiSuccessAt != null) {
            details.put("lastApiSuccessAt", shown(lastApiSuccessAt));
        }
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("type", storeType);
        store.put("reachable", storeError == null);
        if (storeError != null) {
            store.put("error", storeError);
        }
        details.put("sessionStore", store);
        return details;
    }

    /** ISO-8601 to the millisecond: what a person reading the endpoint needs. */
    static String shown(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
