package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.redis.token.RedisWxConfigStorage;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wx.session.store-type=redis over a real redis-server: a cluster of two instances, and an outage. */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisCallbackTest {

    static final RedisServerProcess REDIS = startRedis();
    static final String[] APP = {"wx.app-id=wxRedisApp", "wx.secret=secret", "wx.token=redis-token",
            "wx.session.store-type=redis", "spring.data.redis.timeout=500ms", "wx.router.duplicate-wait=1s"};

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxAccounts accounts;

    @Autowired
    CallbackTestApplication.Handlers handlers;

    @Autowired
    RedisConnectionFactory redisConnections;

    WeChatCallbackClient weChat;

    static RedisServerProcess startRedis() {
        try {
            return RedisServerProcess.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        for (String property : APP) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @BeforeEach
    void connect() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", "redis-token");
    }

    private String reply(WeChatCallbackClient client, String message) throws Exception {
        HttpResponse<String> response = client.postPlain(message);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void sessionsDeduplicationAndTokensLiveInRedis() throws Exception {
        assertThat(accounts.single().sessionStore()).isInstanceOf(RedisWxSessionStore.class);
        assertThat(accounts.single().configStorage()).isInstanceOf(RedisWxConfigStorage.class);

        assertThat(reply(weChat, WeChatCallbackClient.text("oRedis", "count"))).contains("count=1");
        assertThat(reply(weChat, WeChatCallbackClient.text("oRedis", "count"))).contains("count=2");
        assertThat(accounts.single().sessionStore().getSession("oRedis", false).getAttribute("count")).isEqualTo(2);
    }

    @Test
    void twoInstancesShareConversationsAndHandleEachMessageOnce() throws Exception {
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CallbackTestApplication.class)
                .properties(APP)
                .properties("server.port=0", "spring.data.redis.host=" + REDIS.host(),
                        "spring.data.redis.port=" + REDIS.port())
                .run()) {
            WeChatCallbackClient otherInstance = new WeChatCallbackClient(
                    Integer.parseInt(other.getEnvironment().getProperty("local.server.port")), "/wx/callback",
                    "redis-token");
            CallbackTestApplication.Handlers otherHandlers = other.getBean(CallbackTestApplication.Handlers.class);

            assertThat(reply(weChat, WeChatCallbackClient.text("oShared", "count"))).contains("count=1");
            assertThat(reply(otherInstance, WeChatCallbackClient.text("oShared", "count"))).contains("count=2");

            String message = WeChatCallbackClient.text(660001L, "oShared", "count");
            String first = reply(weChat, message);
            int callsHere = handlers.calls.get();
            int callsThere = otherHandlers.calls.get();
            String retry = reply(otherInstance, message);

            assertThat(first).contains("count=3");
            assertThat(retry).isEqualTo(first);
            assertThat(handlers.calls.get()).isEqualTo(callsHere);
            assertThat(otherHandlers.calls.get()).as("the retry ran no handler").isEqualTo(callsThere);
        }
    }

    @Test
    void aSendersNextMessageWhileOneRunsIs503SenderBusyAndAFencedDeliveryIs503LeaseLostSavingNothing()
            throws Exception {
        handlers.holding = new CountDownLatch(1);
        handlers.release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return weChat.postPlain(WeChatCallbackClient.text("oHeld", "hold"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(handlers.holding.await(5, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> next = weChat.postPlain(WeChatCallbackClient.text("oHeld", "count"));
            assertThat(next.statusCode()).isEqualTo(503);
            assertThat(next.body()).isEqualTo("sender-busy");

            // What a lapsed lease leaves behind: the lock and the in-progress record are gone (here by
            // hand, in life by Redis's expiry while the instance was frozen).
            StringRedisTemplate redis = new StringRedisTemplate(redisConnections);
            assertThat(redis.delete(List.of("wx:{wxRedisApp:oHeld}:l"))).isEqualTo(1);
            assertThat(redis.delete(redis.keys("wx:{wxRedisApp:oHeld}:d:*"))).isEqualTo(1);
        } finally {
            handlers.release.countDown();
        }

        HttpResponse<String> fenced = held.get(10, TimeUnit.SECONDS);
        assertThat(fenced.statusCode()).isEqualTo(503);
        assertThat(fenced.body()).isEqualTo("lease-lost");
        assertThat(accounts.single().sessionStore().getSession("oHeld", false)).as("nothing of it was saved")
                .satisfies(session -> assertThat(session == null || session.getAttribute("held") == null).isTrue());
    }

    @Test
    void whileRedisIsDownCallbacksAre503AndServiceResumesWhenItReturns() throws Exception {
        assertThat(reply(weChat, WeChatCallbackClient.text("oOutage", "count"))).contains("count=1");

        REDIS.stop();
        try {
            HttpResponse<String> during = weChat.postPlain(WeChatCallbackClient.text("oOutage", "count"));
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.body()).isEqualTo("store-unavailable");
        } finally {
            REDIS.restart();
        }

        // The restarted server is empty (no persistence): the conversation starts over, and works.
        assertThat(reply(weChat, WeChatCallbackClient.text("oOutage", "count"))).contains("count=1");
    }
}
