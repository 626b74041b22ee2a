package io.github.wxsession.redis;

import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.session.WxSessionStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session contract, unchanged, against Redis; the stores of one test are instances of one cluster. */
class RedisWxSessionStoreContractTest extends WxSessionStoreContractTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected WxSessionStore createStore(Clock clock, Duration defaultTimeout, int maxActiveSessions) {
        RedisWxSessionStore.Builder builder = RedisWxSessionStore.builder(REDIS.connectionFactory())
                .appId("wxcontract")
                .clock(clock)
                .defaultMaxInactiveInterval(defaultTimeout);
        if (maxActiveSessions > 0) {
            builder.maxActiveSessions(maxActiveSessions);
        }
        return builder.build();
    }
}
