package io.github.wxsession.boot.http;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every case of {@link HttpSessionCheckTest}, on wx.session.store-type=redis over a real redis-server. */
@SpringBootTest(classes = {HttpSessionTestApplication.class, HttpSessionTestSupport.Registry.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxMini", "wx.secret=mini-secret", "wx.token=mini-token", "wx.api.max-retries=0",
                "wx.http-session.enabled=true", "wx.http-session.cookie.enabled=true", "wx.http-session.url.enabled=true",
                "wx.http-session.public-paths=/api/health", "wx.session.store-type=redis", "test.store=redis",
                "spring.data.redis.timeout=1s"})
class RedisHttpSessionCheckTest extends HttpSessionCheckTest {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisHttpSessions.register(registry);
    }
}
