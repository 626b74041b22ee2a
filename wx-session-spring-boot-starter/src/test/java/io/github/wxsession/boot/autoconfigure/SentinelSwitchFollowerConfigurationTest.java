package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisSentinelProcess;
import io.github.wxsession.redis.SentinelSwitchFollower;
import io.github.wxsession.session.WxSessionStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With {@code spring.data.redis.sentinel.*}, the starter follows the sentinels' switches: one
 * subscription per sentinel while the application runs, none after it stops. (What following
 * does in a failover, with real processes: core's {@code RedisSentinelFailoverTest}.)
 */
class SentinelSwitchFollowerConfigurationTest {

    /** A client subscribed to a channel or a pattern, as {@code CLIENT LIST} shows it. */
    private static final Pattern SUBSCRIBED = Pattern.compile(" p?sub=[1-9]");

    static RedisSentinelProcess sentinels;
    static RedisClient client;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LettuceClusterRefreshTest.BOOT_REDIS,
                    WxAccountsAutoConfiguration.class, WxRoutingAutoConfiguration.class, WxRedisAutoConfiguration.class))
            .withPropertyValues("wx.app-id=wxSentinel", "wx.secret=s", "wx.token=t", "wx.session.store-type=redis",
                    "spring.data.redis.timeout=500ms");

    @BeforeAll
    static void start() throws Exception {
        sentinels = RedisSentinelProcess.start();
        client = RedisClient.create();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        sentinels.close();
    }

    @Test
    void aSentinelApplicationSubscribesToEverySentinelUntilItStops() {
        runner.withPropertyValues("spring.data.redis.sentinel.master=" + sentinels.masterName(),
                "spring.data.redis.sentinel.nodes=" + String.join(",", sentinels.sentinels()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SentinelSwitchFollower follower = context.getBean(SentinelSwitchFollower.class);
                    assertThat(follower.master()).isEqualTo(sentinels.masterName());
                    assertThat(context.getBean(WxSessionStore.class)).as("the store is fenced by the follower")
                            .asString().contains("fence=" + follower);
                    for (String sentinel : sentinels.sentinels()) {
                        awaitSubscribers(sentinel, 1);
                    }
                });
        for (String sentinel : sentinels.sentinels()) {
            assertThat(subscribers(sentinel)).as("subscriptions left on %s after the application stopped", sentinel)
                    .isZero();
        }
    }

    @Test
    void aStandaloneApplicationHasNoFollower() {
        runner.withPropertyValues("spring.data.redis.port=" + sentinels.master().split(":")[1])
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SentinelSwitchFollower.class);
                });
    }

    /** The follower subscribes in the background, at startup. */
    private static void awaitSubscribers(String sentinel, long expected) throws InterruptedException {
        for (int i = 0; i < 250 && subscribers(sentinel) < expected; i++) {
            Thread.sleep(20);
        }
        assertThat(subscribers(sentinel)).as("subscribers on %s", sentinel).isEqualTo(expected);
    }

    /** Clients subscribed to a channel on {@code sentinel}, by its {@code CLIENT LIST}. */
    private static long subscribers(String sentinel) {
        String[] hostPort = sentinel.split(":");
        try (StatefulRedisConnection<String, String> connection =
                client.connect(RedisURI.create(hostPort[0], Integer.parseInt(hostPort[1])))) {
            return Arrays.stream(connection.sync().clientList().split("\n"))
                    .filter(line -> SUBSCRIBED.matcher(line).find())
                    .count();
        }
    }
}
