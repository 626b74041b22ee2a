package io.github.wxsession.boot.http;

import io.github.wxsession.redis.RedisServerProcess;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The redis-server the HTTP session suites share when they run in Redis mode. */
final class RedisHttpSessions {

    // Lives as long as the cached context of the Redis runs; the harness kills it when the JVM exits.
    static final RedisServerProcess REDIS = start();

    private RedisHttpSessions() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    private static RedisServerProcess start() {
        try {
            return RedisServerProcess.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
