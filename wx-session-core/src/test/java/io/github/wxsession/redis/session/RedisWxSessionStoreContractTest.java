package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.session.WxSessionStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The session contract, unchanged, against Redis; the stores of one test are instances of one cluster. */
class RedisWxSessionStoreContractTest extends WxSessionStoreContractTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The server the contract runs on; a subclass may run it on another. */
    RedisConnectionFactory connections() {
        return REDIS.connectionFactory();
    }

    @Override
    protected WxSessionStore createStore(Clock clock, Duration defaultTimeout, int maxActiveSessions) {
        RedisWxSessionStore.Builder builder = RedisWxSessionStore.builder(connections())
                .appId("wxcontract")
                .clock(clock)
                .defaultMaxInactiveInterval(defaultTimeout);
        if (maxActiveSessions > 0) {
            builder.maxActiveSessions(maxActiveSessions);
        }
        return builder.build();
    }
}
