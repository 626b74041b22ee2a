package io.github.wxsession.boot.emulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code wx.emulator.*}: a development-only stand-in for WeChat (its server and
 * the user's phone) served by the application itself, so a bot can be tried without an account,
 * a public URL or a network.
 */
@ConfigurationProperties("wx.emulator")
public class WxEmulatorProperties {

    /**
     * Serve the emulator page and the fake WeChat API. Development only: it signs messages with
     * the accounts' tokens and keys, and hands out access tokens; never enable it in production.
     */
    private boolean enabled;

    /** Where the emulator page is served; the fake WeChat API is under {@code <path>/api/}. */
    private String path = "/wx-emulator";

    /**
     * Answer clients on other hosts too. By default only loopback clients that did not come
     * through a proxy are answered; everyone else gets 403.
     */
    private boolean allowRemote;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isAllowRemote() {
        return allowRemote;
    }

    public void setAllowRemote(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }
}
