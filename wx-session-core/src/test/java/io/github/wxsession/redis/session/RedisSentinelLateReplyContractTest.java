package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisSentinelExtension;
import io.github.wxsession.router.WxLateReplyContract;
import io.github.wxsession.router.WxMessageGateContract.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late replies through Redis Sentinel (a master, a replica, three sentinels): every node is an
 * application instance with its own sentinel-configured connection factory.
 */
class RedisSentinelLateReplyContractTest extends WxLateReplyContract {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private final List<RedisWxSessionStore> stores = new ArrayList<>();

    @AfterEach
    void stopStores() {
        stores.forEach(RedisWxSessionStore::stop);
    }

    @Override
    protected Node node(Duration maxWait) {
        RedisWxSessionStore store = RedisWxSessionStore.builder(SENTINEL.newConnectionFactory()).appId("wxlate").build();
        stores.add(store);
        return new Node(RedisWxMessageGate.builder(store).maxWait(maxWait).build(), store);
    }
}
