package io.github.wxsession.api;

import io.github.wxsession.token.WxCredentialRefreshListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link HttpWxService} talks to WeChat: the platform, the API root, the token mode,
 * timeouts and retries. Immutable; build one with {@link #builder()}.
 */
public final class WxApiConfig {

    /** Connect timeout unless configured: 5 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time allowed for an answer unless configured: 10 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** First backoff when WeChat is busy unless configured: 1000 ms, doubled on each retry. */
    public static final long DEFAULT_RETRY_SLEEP_MILLIS = 1000;
    /** Retries after a busy answer or a resendable I/O failure unless configured: 5. */
    public static final int DEFAULT_MAX_RETRY_TIMES = 5;

    private final WxApiType type;
    private final URI baseUri;
    private final boolean stableToken;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long retrySleepMillis;
    private final int maxRetryTimes;
    private final @Nullable Integer agentId;
    private final Sleeper sleeper;
    private final Clock clock;
    private final WxCredentialRefreshListener refreshListener;
    private final WxApiCallListener callListener;

    private WxApiConfig(Builder builder) {
        this.type = builder.type;
        this.baseUri = builder.baseUri == null ? type.defaultBaseUri() : withTrailingSlash(builder.baseUri);
        if (builder.stableToken && type != WxApiType.MP) {
            throw new IllegalArgumentException("stable-token mode exists for Official Accounts and mini programs"
                    + " only: turn it off for WeCom (type " + type + ")");
        }
        this.stableToken = builder.stableToken;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.retrySleepMillis = builder.retrySleepMillis;
        this.maxRetryTimes = builder.maxRetryTimes;
        this.agentId = builder.agentId;
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.refreshListener = builder.refreshListener;
        this.callListener = builder.callListener;
    }

    /** A builder for an Official Account with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The platform. */
    public WxApiType type() {
        return type;
    }

    /** The API root every path is resolved against; ends with {@code /}. */
    public URI baseUri() {
        return baseUri;
    }

    /** Whether access tokens come from {@code cgi-bin/stable_token} instead of {@code cgi-bin/token}. */
    public boolean stableToken() {
        return stableToken;
    }

    /** Time allowed to open a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time allowed, once sent, for WeChat's answer to arrive (the JDK client times it to the headers). */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The first backoff; retry {@code n} (from 0) waits {@code retrySleepMillis × 2^n}. */
    public long retrySleepMillis() {
        return retrySleepMillis;
    }

    /** How many times one call is retried when WeChat is busy or a resendable request failed. */
    public int maxRetryTimes() {
        return maxRetryTimes;
    }

    /** The WeCom app's AgentId that messages are sent as, or {@code null} if not set. */
    public @Nullable Integer agentId() {
        return agentId;
    }

    /** Waits between retries. */
    Sleeper sleeper() {
        return sleeper;
    }

    /** The clock JS-SDK signatures take their timestamp from. */
    public Clock clock() {
        return clock;
    }

    /** Hears every upstream fetch of a token or ticket. */
    public WxCredentialRefreshListener refreshListener() {
        return refreshListener;
    }

    /** Hears every API call, token fetches included. */
    public WxApiCallListener callListener() {
        return callListener;
    }

    @Override
    public String toString() {
        return "WxApiConfig[type=" + type + ", baseUri=" + baseUri + ", stableToken=" + stableToken
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", retrySleepMillis=" + retrySleepMillis + ", maxRetryTimes=" + maxRetryTimes
                + ", agentId=" + agentId + "]";
    }

    private static URI withTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }

    /** Builds a {@link WxApiConfig}. Not thread-safe. */
    public static final class Builder {
        private WxApiType type = WxApiType.MP;
        private URI baseUri;
        private boolean stableToken;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long retrySleepMillis = DEFAULT_RETRY_SLEEP_MILLIS;
        private int maxRetryTimes = DEFAULT_MAX_RETRY_TIMES;
        private @Nullable Integer agentId;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private Clock clock = Clock.systemUTC();
        private WxCredentialRefreshListener refreshListener = WxCredentialRefreshListener.NONE;
        private WxApiCallListener callListener = WxApiCallListener.NONE;

        private Builder() {
        }

        /** The platform; {@link WxApiType#MP} by default. */
        public Builder type(WxApiType type) {
            this.type = Objects.requireNonNull(type, "type must not be null: use MP or CP");
            return this;
        }

        /**
         * The API root, e.g. a loopback emulator in tests; the platform's official root by default.
         * Must be an absolute http or https URI without query or fragment.
         */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri must not be null; leave it unset for the official root");
            String scheme = baseUri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
                    || baseUri.getHost() == null || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("the API base URI must be an absolute http(s) URI without query"
                        + " or fragment, like https://api.weixin.qq.com/, was " + baseUri);
            }
            this.baseUri = baseUri;
            return this;
        }

        /** The API root as text; see {@link #baseUri(URI)}. */
        public Builder baseUri(String baseUri) {
            Objects.requireNonNull(baseUri, "baseUri must not be null; leave it unset for the official root");
            return baseUri(URI.create(baseUri));
        }

        /** Fetch tokens from {@code cgi-bin/stable_token} (Official Accounts only); off by default. */
        public Builder stableToken(boolean stableToken) {
            this.stableToken = stableToken;
            return this;
        }

        /** Time allowed to connect; 5 seconds by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time allowed for an answer; 10 seconds by default. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = requirePositive(readTimeout, "readTimeout");
            return this;
        }

        /** The first backoff in milliseconds, doubled per retry; 1000 by default, 0 retries at once. */
        public Builder retrySleepMillis(long retrySleepMillis) {
            if (retrySleepMillis < 0) {
                throw new IllegalArgumentException("retrySleepMillis must be zero or positive, was " + retrySleepMillis);
            }
            this.retrySleepMillis = retrySleepMillis;
            return this;
        }

        /** Retries per call; 5 by default, 0 turns retries off. */
        public Builder maxRetryTimes(int maxRetryTimes) {
            if (maxRetryTimes < 0 || maxRetryTimes > 30) {
                throw new IllegalArgumentException("maxRetryTimes must be between 0 and 30, was " + maxRetryTimes);
            }
            this.maxRetryTimes = maxRetryTimes;
            return this;
        }

        /** The WeCom app's AgentId; required to send WeCom app messages. */
        public Builder agentId(@Nullable Integer agentId) {
            this.agentId = agentId;
            return this;
        }

        /** Waits between retries; {@link Sleeper#THREAD_SLEEP} by default. For same-package tests. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        /** The clock for JS-SDK timestamps; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Hears every upstream fetch of a token or ticket, e.g. for metrics; none by default. */
        public Builder refreshListener(WxCredentialRefreshListener refreshListener) {
            this.refreshListener = Objects.requireNonNull(refreshListener, "refreshListener must not be null");
            return this;
        }

        /** Hears every API call, e.g. for tracing or health, instead of the listeners added so far; none by default. */
        public Builder callListener(WxApiCallListener callListener) {
            this.callListener = Objects.requireNonNull(callListener, "callListener must not be null");
            return this;
        }

        /** Also hears every API call, after the listeners added so far. */
        public Builder addCallListener(WxApiCallListener callListener) {
            Objects.requireNonNull(callListener, "callListener must not be null");
            this.callListener = this.callListener == WxApiCallListener.NONE ? callListener
                    : this.callListener.andThen(callListener);
            return this;
        }

        /** The configuration. */
        public WxApiConfig build() {
            return new WxApiConfig(this);
        }

        private static Duration requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " must not be null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
