package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.router.WxLateReplyContract;
import io.github.wxsession.router.WxMessageGateContract.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Late replies on a real redis-server: every node is an application instance of its own, so a
 * retry lands on another instance than the running handler, and a parked reply is found by an
 * instance started after it was parked.
 */
class RedisWxLateReplyContractTest extends WxLateReplyContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The server the contract runs on; a subclass may run it on another. */
    RedisConnectionFactory connections() {
        return REDIS.connectionFactory();
    }

    private final List<RedisWxSessionStore> stores = new ArrayList<>();

    @AfterEach
    void stopStores() {
        stores.forEach(RedisWxSessionStore::stop);
    }

    @Override
    protected Node node(Duration maxWait) {
        RedisWxSessionStore store = RedisWxSessionStore.builder(connections()).appId("wxlate").build();
        stores.add(store);
        return new Node(RedisWxMessageGate.builder(store).maxWait(maxWait).build(), store);
    }
}
