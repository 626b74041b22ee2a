package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code wx.account-cache.*}: how long the accounts of a {@code WxAccountRepository}
 * are taken as it said. The accounts of {@code application.yml} never change, so these matter only
 * with a repository of the application's own.
 */
@ConfigurationProperties("wx.account-cache")
public class WxAccountCacheProperties {

    /**
     * How long an account read from the repository (or the repository's answer that an app id has
     * none) is used before the repository is asked again; a change made on another instance shows
     * here within this time. WxAccounts.reload(appId) applies a change at once.
     */
    private Duration refreshAfter = Duration.ofMinutes(1);

    /** How many app ids the repository does not have are remembered, so random ones cannot query it per request. */
    private int maxUnknown = 10_000;

    public Duration getRefreshAfter() {
        return refreshAfter;
    }

    public void setRefreshAfter(Duration refreshAfter) {
        this.refreshAfter = refreshAfter;
    }

    public int getMaxUnknown() {
        return maxUnknown;
    }

    public void setMaxUnknown(int maxUnknown) {
        this.maxUnknown = maxUnknown;
    }
}
