package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.session.WxSessionStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session contract, unchanged, on a Redis Cluster: the sweep scans every master, and the
 * live count sits in another slot than the sessions it counts.
 */
class RedisClusterSessionStoreContractTest extends WxSessionStoreContractTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected WxSessionStore createStore(Clock clock, Duration defaultTimeout, int maxActiveSessions) {
        RedisWxSessionStore.Builder builder = RedisWxSessionStore.builder(CLUSTER.newConnectionFactory())
                .appId("wxcontract")
                .clock(clock)
                .defaultMaxInactiveInterval(defaultTimeout);
        if (maxActiveSessions > 0) {
            builder.maxActiveSessions(maxActiveSessions);
        }
        return builder.build();
    }
}
