package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code wx.health.*}: the {@code wx} health contributor, with Spring Boot Actuator. */
@ConfigurationProperties("wx.health")
public class WxHealthProperties {

    /**
     * How long a health check waits for each account's session store to answer PING before it
     * counts as unreachable (DOWN), whatever the connection's own command timeout.
     */
    private Duration storeTimeout = Duration.ofSeconds(1);

    public Duration getStoreTimeout() {
        return storeTimeout;
    }

    public void setStoreTimeout(Duration storeTimeout) {
        this.storeTimeout = storeTimeout;
    }
}
