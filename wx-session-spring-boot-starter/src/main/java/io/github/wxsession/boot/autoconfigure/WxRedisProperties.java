package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code wx.session.redis.*}, used with {@code wx.session.store-type=redis}. */
@ConfigurationProperties("wx.session.redis")
public class WxRedisProperties {

    /** First part of every key the starter writes. */
    private String namespace = "wx";

    /**
     * How long a session's data outlives its timeout, so the expiry sweep can still read it: at
     * least half of it, since an access sets the key's time to live again only once half of it
     * has passed. Keep half of it above the sweep interval.
     */
    private Duration expiryGrace = Duration.ofMinutes(5);

    /**
     * How long RedisWxSessionStore.openScope(id, true) waits for a session's lock. Messages wait for
     * their sender's lock up to wx.router.duplicate-wait.
     */
    private Duration lockWait = Duration.ofSeconds(4);

    /**
     * How long a sender's lock lives without renewal, by Redis's clock; renewed every third of it
     * while a handler runs, so only a crashed or frozen instance blocks a user this long.
     */
    private Duration lockLease = Duration.ofSeconds(10);

    /**
     * Packages whose types may be stored as session attributes, besides java.lang, java.util
     * and java.time; anything else is refused, never deserialized.
     */
    private List<String> allowedPackages = new ArrayList<>();

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Duration getExpiryGrace() {
        return expiryGrace;
    }

    public void setExpiryGrace(Duration expiryGrace) {
        this.expiryGrace = expiryGrace;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockLease() {
        return lockLease;
    }

    public void setLockLease(Duration lockLease) {
        this.lockLease = lockLease;
    }

    public List<String> getAllowedPackages() {
        return allowedPackages;
    }

    public void setAllowedPackages(List<String> allowedPackages) {
        this.allowedPackages = allowedPackages;
    }
}
