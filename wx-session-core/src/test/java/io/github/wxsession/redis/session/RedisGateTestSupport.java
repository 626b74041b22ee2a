package io.github.wxsession.redis.session;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Application instances of one bot on one real redis-server, for the gate's tests. */
abstract class RedisGateTestSupport {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** Handed to handlers, never called: a real client aimed at a port nobody listens on. */
    static final WxService WX_SERVICE = new HttpWxService(
            WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
            InMemoryWxConfigStorage.builder().appId("wxapp").secret("unused").build());

    final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    final StringRedisTemplate redis = REDIS.template();
    final ExecutorService deliveries = Executors.newFixedThreadPool(32);
    final List<WxMessageRouter> routers = new ArrayList<>();
    final List<ScheduledExecutorService> schedulers = new ArrayList<>();

    @AfterEach
    void stop() {
        deliveries.shutdownNow();
        routers.forEach(WxMessageRouter::close);
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** One application instance: its own store and gate, sharing Redis with the others. */
    WxMessageRouter instance(WxMessageHandler handler, UnaryOperator<RedisWxSessionStore.Builder> settings) {
        return instance(settings.apply(builder()).build(), handler);
    }

    /** One application instance whose read-only messages' releases wait in {@code releases} until run. */
    WxMessageRouter instance(WxMessageHandler handler, UnaryOperator<RedisWxSessionStore.Builder> settings,
            HeldReleases releases) {
        return instance(new RedisWxSessionStore(settings.apply(builder()), releases), handler);
    }

    private RedisWxSessionStore.Builder builder() {
        return RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp").clock(clock);
    }

    /** One application instance on {@code store}. */
    WxMessageRouter instance(RedisWxSessionStore store, WxMessageHandler handler) {
        WxMessageRouter router = new WxMessageRouter(WX_SERVICE);
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler(handler).end();
        routers.add(router);
        return router;
    }

    WxMessageRouter instance(WxMessageHandler handler) {
        return instance(handler, UnaryOperator.identity());
    }

    static WxXmlMessage text(long msgId, String from, String content) {
        return WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>");
    }

    static String content(WxXmlOutMessage reply) {
        return reply == null ? null : WxXmlMessage.fromXml(reply.toXml()).getContent();
    }

    /** An application instance whose handler counts the sender's messages in its session ({@code n}). */
    static WxMessageRouter countingInstance(RedisWxSessionStore store) {
        WxMessageRouter router = new WxMessageRouter(WX_SERVICE);
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler((message, context, wxService, sessions) -> {
            WxSession session = sessions.getSession(message.getFromUserName());
            Integer n = (Integer) session.getAttribute("n");
            session.setAttribute("n", n == null ? 1 : n + 1);
            return null;
        }).end();
        return router;
    }
}
