package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code wx.session.*}: where sessions, de-duplication records and tokens live,
 * and how long sessions last. The Redis specifics under {@code wx.session.redis.*} are
 * {@link WxRedisProperties}.
 */
@ConfigurationProperties("wx.session")
public class WxSessionStoreProperties {

    /** {@code memory} for one node, {@code redis} for a cluster; de-duplication and token storage follow it. */
    private StoreType storeType = StoreType.MEMORY;

    /** Idle time after which a session expires; zero or negative: never. */
    private Duration timeout = Duration.ofMinutes(30);

    /** Most live sessions per account; unlimited when not set. */
    private @Nullable Integer maxActive;

    /** Time between two background sweeps for expired sessions. */
    private Duration sweepInterval = Duration.ofSeconds(60);

    public StoreType getStoreType() {
        return storeType;
    }

    public void setStoreType(StoreType storeType) {
        this.storeType = storeType;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable Integer getMaxActive() {
        return maxActive;
    }

    public void setMaxActive(@Nullable Integer maxActive) {
        this.maxActive = maxActive;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** Kinds of shared-state store. */
    public enum StoreType {

        /** In this JVM: one node. */
        MEMORY,

        /** In Redis, through the application's RedisConnectionFactory: any number of nodes. */
        REDIS
    }
}
