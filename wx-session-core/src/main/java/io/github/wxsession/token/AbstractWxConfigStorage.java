package io.github.wxsession.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every {@link WxConfigStorage} holds besides its credentials: the account's fixed values,
 * the clock and the refresh-ahead margin. Stores extend it and keep the credentials their way.
 */
public abstract class AbstractWxConfigStorage implements WxConfigStorage {

    private final String appId;
    private final String secret;
    private final @Nullable String token;
    private final @Nullable String aesKey;
    /** What expiry is measured with. */
    protected final Clock clock;
    /** How long before expiry credentials count as expired. */
    protected final RefreshAhead refreshAhead;

    protected AbstractWxConfigStorage(Builder<?> builder) {
        this.appId = requireText(builder.appId, "appId", "the account's AppID (WeCom: CorpID)");
        // "" for an account without API credentials (the WeCom AI bot), whose token is never fetched.
        this.secret = builder.secret != null && builder.secret.isEmpty() ? ""
                : requireText(builder.secret, "secret", "the AppSecret (WeCom: the app's corpsecret)");
        this.token = builder.token;
        this.aesKey = builder.aesKey;
        this.clock = builder.clock;
        this.refreshAhead = builder.refreshAhead;
    }

    @Override
    public String getAppId() {
        return appId;
    }

    @Override
    public String getSecret() {
        return secret;
    }

    @Override
    public @Nullable String getToken() {
        return token;
    }

    @Override
    public @Nullable String getAesKey() {
        return aesKey;
    }

    /** The margin by which credentials are refreshed ahead of expiry. */
    public RefreshAhead getRefreshAhead() {
        return refreshAhead;
    }

    private static String requireText(String value, String name, String meaning) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required: set " + meaning);
        }
        return value;
    }

    /**
     * The settings every storage takes; a storage's own builder extends this one.
     *
     * @param <B> the concrete builder, so the setters chain
     */
    public abstract static class Builder<B extends Builder<B>> {

        private String appId;
        private String secret;
        private @Nullable String token;
        private @Nullable String aesKey;
        private Clock clock = Clock.systemUTC();
        private RefreshAhead refreshAhead = RefreshAhead.defaults();

        protected Builder() {
        }

        /** This builder, as its concrete type. */
        protected abstract B self();

        /** The AppID (WeCom: CorpID). Required. */
        public B appId(String appId) {
            this.appId = appId;
            return self();
        }

        /** The AppSecret (WeCom: corpsecret). Required; {@code ""} for an account without API access (the AI bot). */
        public B secret(String secret) {
            this.secret = secret;
            return self();
        }

        /** The callback Token; optional for API-only use. */
        public B token(@Nullable String token) {
            this.token = token;
            return self();
        }

        /** The EncodingAESKey; optional unless safe mode is used. */
        public B aesKey(@Nullable String aesKey) {
            this.aesKey = aesKey;
            return self();
        }

        /** The clock expiry is measured with; the system UTC clock by default. */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return self();
        }

        /** How long before expiry credentials are refreshed; 5 minutes by default. */
        public B refreshAhead(Duration margin) {
            this.refreshAhead = RefreshAhead.of(margin);
            return self();
        }

        /** The clock set so far, for builders that need it before {@code build()}. */
        protected Clock clock() {
            return clock;
        }
    }
}
