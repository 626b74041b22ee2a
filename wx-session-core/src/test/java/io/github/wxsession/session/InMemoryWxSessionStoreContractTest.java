package io.github.wxsession.session;

import java.time.Clock;
import java.time.Duration;

class InMemoryWxSessionStoreContractTest extends WxSessionStoreContractTest {

    @Override
    protected WxSessionStore createStore(Clock clock, Duration defaultTimeout, int maxActiveSessions) {
        InMemoryWxSessionStore.Builder builder = InMemoryWxSessionStore.builder()
                .clock(clock)
                .defaultMaxInactiveInterval(defaultTimeout);
        if (maxActiveSessions > 0) {
            builder.maxActiveSessions(maxActiveSessions);
        }
        return builder.build();
    }
}
