package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.aibot.WxStreamStore;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxStreamStore;
import io.github.wxsession.test.WeComAibotClient;
import io.github.wxsession.test.WeComAibotClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The AI bot on two instances sharing a real redis-server, WeCom's callbacks alternating between
 * them: a stream written on one is served by refreshes on both, a retry on the other instance
 * runs nothing twice, and the session follows the user.
 */
class RedisAibotCallbackTest {

    static RedisServerProcess redis;
    static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();
    static WeComAibotClient weCom;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ConfigurableApplicationContext instance = new SpringApplicationBuilder(AibotTestApplication.class)
                    .properties(AibotTestApplication.PROPERTIES)
                    .properties("server.port=0", "wx.session.store-type=redis", "spring.data.redis.timeout=500ms",
                            "spring.data.redis.host=" + redis.host(),
                            "spring.data.redis.port=" + redis.port())
                    .run();
            INSTANCES.add(instance);
            urls.add("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port") + "/wx/callback");
        }
        weCom = new WeComAibotClient(urls, AibotTestApplication.TOKEN, AibotTestApplication.AES_KEY);
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.close();
        }
    }

    private static AibotTestApplication.Handlers handlers(int instance) {
        return INSTANCES.get(instance).getBean(AibotTestApplication.Handlers.class);
    }

    @Test
    void streamsLiveInRedis() {
        for (ConfigurableApplicationContext instance : INSTANCES) {
            assertThat(instance.getBean(WxStreamStore.class)).isInstanceOf(RedisWxStreamStore.class);
        }
    }

    @Test
    void aStreamWrittenOnOneInstanceIsServedByRefreshesOnBoth() throws Exception {
        handlers(0).secondChunk = new CountDownLatch(1);
        handlers(1).secondChunk = new CountDownLatch(1);

        Reply first = weCom.post(WeComAibotClient.text("zhangsan", "echo across"));
        assertThat(first.streamContent()).isEqualTo("You said: ");
        Reply onTheOther = weCom.post(WeComAibotClient.refresh("zhangsan", first.streamId()));
        Reply back = weCom.post(WeComAibotClient.refresh("zhangsan", first.streamId()));
        assertThat(onTheOther.streamContent()).isEqualTo("You said: ");
        assertThat(back.streamContent()).isEqualTo("You said: ");
        handlers(0).secondChunk.countDown();
        handlers(1).secondChunk.countDown();

        assertThat(weCom.pollUntilFinished("zhangsan", first.streamId(), Duration.ofMillis(50), Duration.ofSeconds(10)))
                .last().isEqualTo("You said: across");
    }

    @Test
    void aRetryOnTheOtherInstanceWhileTheFirstStreamsRunsNothingTwice() throws Exception {
        handlers(0).secondChunk = new CountDownLatch(1);
        handlers(1).secondChunk = new CountDownLatch(1);
        int before = handlers(0).streamed.get() + handlers(1).streamed.get();
        String message = WeComAibotClient.text("m-redis-retry", "lisi", "echo once");

        Reply first = weCom.post(message);
        Reply retry = weCom.post(message);
        handlers(0).secondChunk.countDown();
        handlers(1).secondChunk.countDown();
        List<String> seen = weCom.pollUntilFinished("lisi", first.streamId(), Duration.ofMillis(50), Duration.ofSeconds(10));
        Reply late = weCom.post(message);

        assertThat(retry.streamId()).isEqualTo(first.streamId());
        assertThat(retry.streamContent()).isEqualTo("You said: ");
        assertThat(seen).last().isEqualTo("You said: once");
        assertThat(late.streamId()).isEqualTo(first.streamId());
        assertThat(late.finished()).isTrue();
        assertThat(late.streamContent()).isEqualTo("You said: once");
        assertThat(handlers(0).streamed.get() + handlers(1).streamed.get() - before).isEqualTo(1);
    }

    @Test
    void whileRedisIsDownCallbacksAndRefreshesAre503AndTheBotServesAgainAfterARestart() throws Exception {
        Reply before = weCom.post(WeComAibotClient.text("zhaoliu", "count"));
        assertThat(before.streamContent()).isEqualTo("count=1");

        redis.stop();
        try {
            assertThat(weCom.post(WeComAibotClient.refresh("zhaoliu", before.streamId())).status()).isEqualTo(503);
            assertThat(weCom.post(WeComAibotClient.text("zhaoliu", "count")).status()).isEqualTo(503);
        } finally {
            redis.restart();
        }

        // The restarted Redis is empty (no persistence here): the conversation starts over, on both instances.
        Reply after = weCom.post(WeComAibotClient.text("zhaoliu", "count"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (after.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = weCom.post(WeComAibotClient.text("zhaoliu", "count"));
        }
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.streamContent()).isEqualTo("count=1");
        assertThat(weCom.post(WeComAibotClient.text("zhaoliu", "count")).streamContent()).isEqualTo("count=2");
    }

    @Test
    void theSessionFollowsTheUserAcrossInstances() throws Exception {
        assertThat(weCom.post(WeComAibotClient.text("wangwu", "count")).streamContent()).isEqualTo("count=1");
        assertThat(weCom.post(WeComAibotClient.text("wangwu", "count")).streamContent()).isEqualTo("count=2");
        assertThat(weCom.post(WeComAibotClient.text("wangwu", "count")).streamContent()).isEqualTo("count=3");
    }
}
