package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * The settings of {@code wx.session.*} that every session store takes, mapped in this one place
 * onto whichever store's builder: the in-memory and Redis builders share no type, so each hands
 * over its own setters.
 */
final class SessionStoreSettings {

    private final WxSessionStoreProperties properties;

    SessionStoreSettings(WxSessionStoreProperties properties) {
        this.properties = properties;
    }

    /** Sets timeout and sweep interval, and the session limit only when {@code max-active} is set. */
    void applyTo(Consumer<Duration> defaultMaxInactiveInterval, Consumer<Duration> sweepInterval,
            IntConsumer maxActiveSessions) {
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getTimeout).to(defaultMaxInactiveInterval);
        map.from(properties::getSweepInterval).to(sweepInterval);
        // Boot 3.5's mapper passes null on unless told not to, Boot 4's never does; this reads the same on both.
        map.from(properties::getMaxActive).when(Objects::nonNull).to(maxActiveSessions::accept);
    }
}
