package io.github.wxsession.boot.callback;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.test.WeChatCallbackClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow handlers on two instances sharing a real redis-server: WeChat's retries alternate between
 * them, so a retry lands on the instance that is not running the handler, and the parked reply is
 * answered by whichever instance gets the next message.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisSlowHandlerCallbackTest extends SlowHandlerCallbackContract {

    static final RedisServerProcess REDIS = RedisCallbackTest.startRedis();
    static final String[] APP = {"wx.app-id=wxSlowRedis", "wx.secret=secret", "wx.token=" + TOKEN,
            "wx.session.store-type=redis", FAST_WECHAT[0], FAST_WECHAT[1]};

    static ConfigurableApplicationContext other;

    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ThinkingHandlers handlers;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        for (String property : APP) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("wx.api.base-url", () -> WECHAT_API.baseUri().toString());
    }

    @BeforeAll
    static void startOtherInstance() {
        other = new SpringApplicationBuilder(CallbackTestApplication.class).properties(APP)
                .properties("server.port=0", "spring.data.redis.host=" + REDIS.host(),
                        "spring.data.redis.port=" + REDIS.port(), "wx.api.base-url=" + WECHAT_API.baseUri())
                .run();
    }

    @AfterAll
    static void stopOtherInstanceAndRedis() {
        other.close();
        REDIS.close();
        WECHAT_API.close();
    }

    @Override
    WeChatCallbackClient[] instances() {
        int otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
        return new WeChatCallbackClient[] {new WeChatCallbackClient(port, "/wx/callback", TOKEN),
                new WeChatCallbackClient(otherPort, "/wx/callback", TOKEN)};
    }

    @Override
    FakeWeChatServer api() {
        return WECHAT_API;
    }

    @Override
    int runs() {
        return handlers.runs.get() + other.getBean(ThinkingHandlers.class).runs.get();
    }
}
