package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisBinary;
import io.github.wxsession.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** {@link RedisWxMessageGateContractTest} on the oldest Redis the store is tested on, 6.0 ({@link RedisBinary#oldest()}). */
class RedisOldestMessageGateContractTest extends RedisWxMessageGateContractTest {

    @RegisterExtension
    static final RedisServerExtension OLDEST = new RedisServerExtension(RedisBinary::oldest);

    @Override
    RedisConnectionFactory connections() {
        return OLDEST.connectionFactory();
    }
}
