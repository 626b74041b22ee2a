package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample in its redis profile on a redis-server of its own. The context is closed after the
 * class, so nothing keeps talking to this server; the server itself ends with the test JVM.
 */
@ActiveProfiles("redis")
@DirtiesContext
class RedisNumberGameTest extends NumberGameTests {

    static final int PORT = FreePort.find();
    static final RedisServerProcess REDIS = startRedis();

    static RedisServerProcess startRedis() {
        try {
            return RedisServerProcess.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @Test
    void theGamesLiveInRedis() {
        assertThat(sessions).isInstanceOf(RedisWxSessionStore.class);
    }
}
