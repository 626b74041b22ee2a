package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisBinary;
import io.github.wxsession.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;

/** {@link RedisWxSessionStoreContractTest} on the oldest Redis the store is tested on, 6.0 ({@link RedisBinary#oldest()}). */
class RedisOldestSessionStoreContractTest extends RedisWxSessionStoreContractTest {

    @RegisterExtension
    static final RedisServerExtension OLDEST = new RedisServerExtension(RedisBinary::oldest);

    @Override
    RedisConnectionFactory connections() {
        return OLDEST.connectionFactory();
    }

    @Test
    void theServerIsRedis60() {
        String info = OLDEST.template().execute((RedisCallback<String>) connection ->
                connection.serverCommands().info("server").getProperty("redis_version"));

        assertThat(info).isEqualTo("6.0.5");
    }
}
