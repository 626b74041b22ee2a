package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code wx.api.*}: the WeChat HTTP API client of every account. */
@ConfigurationProperties("wx.api")
public class WxApiProperties {

    /** API root, e.g. a local emulator; defaults to the official one of each account's type. */
    private @Nullable String baseUrl;

    /** Fetch access tokens from cgi-bin/stable_token instead of cgi-bin/token (Official Accounts only). */
    private boolean stableToken;

    /** Time allowed to open a connection to the API. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for the API to answer. */
    private Duration readTimeout = Duration.ofSeconds(10);

    /** First wait after a "system busy" (-1) answer; doubled on each retry. */
    private Duration retryBackoff = Duration.ofSeconds(1);

    /** Retries after a "system busy" answer or a GET that failed in transit. */
    private int maxRetries = 5;

    public @Nullable String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public boolean isStableToken() {
        return stableToken;
    }

    public void setStableToken(boolean stableToken) {
        this.stableToken = stableToken;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }
}
