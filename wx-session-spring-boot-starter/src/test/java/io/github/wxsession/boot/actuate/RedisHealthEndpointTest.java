package io.github.wxsession.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.Await;
import io.github.wxsession.redis.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health endpoint over HTTP while a real redis-server is killed and started again: each
 * account goes DOWN while its store does not answer, and UP again by itself once it does.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxRedisHealth", "wx.secret=secret", "wx.token=tok", "wx.session.store-type=redis",
                "spring.data.redis.timeout=500ms", "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-details=always"})
class RedisHealthEndpointTest {

    static final RedisServerProcess REDIS = startRedis();
    /** Well beyond a health check's 1 s wait for the store and Lettuce's reconnect backoff after a short outage. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    static RedisServerProcess startRedis() {
        try {
            return RedisServerProcess.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void anAccountIsDownWhileRedisIsGoneAndUpAgainByItselfOnceItIsBack() throws Exception {
        ActuatorClient actuator = new ActuatorClient(port);
        ActuatorClient.Answer before = actuator.get("health");
        assertThat(account(before, "status")).isEqualTo("UP");
        assertThat(account(before, "details", "sessionStore", "type")).isEqualTo("redis");
        assertThat(account(before, "details", "sessionStore", "reachable")).isEqualTo(true);

        REDIS.stop();
        ActuatorClient.Answer during;
        try {
            during = Await.until(DEADLINE, "the account DOWN while Redis is killed",
                    () -> whenAccount(actuator.get("health"), "DOWN"));
        } finally {
            REDIS.restart();
        }

        assertThat(during.status()).as("a DOWN health answers 503").isEqualTo(503);
        assertThat(during.at("components", "wx", "status")).isEqualTo("DOWN");
        assertThat(account(during, "details", "sessionStore", "reachable")).isEqualTo(false);
        assertThat(account(during, "details", "sessionStore", "error")).asString()
                .contains("Redis is unavailable", "wxRedisHealth");
        assertThat(account(during, "details", "accessTokenExpiresAt")).isEqualTo("unknown");

        ActuatorClient.Answer after = Await.until(DEADLINE, "the account UP again after Redis restarted",
                () -> whenAccount(actuator.get("health"), "UP"));
        assertThat(account(after, "details", "sessionStore", "reachable")).isEqualTo(true);
        assertThat(after.at("components", "wx", "status")).isEqualTo("UP");
    }

    private static ActuatorClient.Answer whenAccount(ActuatorClient.Answer health, String status) {
        return status.equals(account(health, "status")) ? health : null;
    }

    private static Object account(ActuatorClient.Answer health, String... path) {
        String[] full = new String[4 + path.length];
        full[0] = "components";
        full[1] = "wx";
        full[2] = "components";
        full[3] = "default";
        System.arraycopy(path, 0, full, 4, path.length);
        return health.at(full);
    }
}
