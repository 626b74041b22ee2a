package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.router.WxLateReplyContract;
import io.github.wxsession.router.WxMessageGateContract.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late replies on a Redis Cluster of three masters with a replica each: every node is an
 * application instance with its own connection factory to the cluster.
 */
class RedisClusterLateReplyContractTest extends WxLateReplyContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private final List<RedisWxSessionStore> stores = new ArrayList<>();

    @AfterEach
    void stopStores() {
        stores.forEach(RedisWxSessionStore::stop);
    }

    @Override
    protected Node node(Duration maxWait) {
        RedisWxSessionStore store = RedisWxSessionStore.builder(CLUSTER.newConnectionFactory()).appId("wxlate").build();
        stores.add(store);
        return new Node(RedisWxMessageGate.builder(store).maxWait(maxWait).build(), store);
    }
}
