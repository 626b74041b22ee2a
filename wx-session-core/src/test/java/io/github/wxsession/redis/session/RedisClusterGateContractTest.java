package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.router.WxMessageGateContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gate contract on a Redis Cluster of three masters with a replica each: every node is an
 * application instance with its own connection factory to the cluster.
 */
class RedisClusterGateContractTest extends WxMessageGateContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private final List<RedisWxSessionStore> stores = new ArrayList<>();

    @AfterEach
    void stopStores() {
        stores.forEach(RedisWxSessionStore::stop);
    }

    @Override
    protected Node node(Duration maxWait) {
        RedisWxSessionStore store = RedisWxSessionStore.builder(CLUSTER.newConnectionFactory()).appId("wxgate").build();
        stores.add(store);
        return new Node(RedisWxMessageGate.builder(store).maxWait(maxWait).build(), store);
    }
}
