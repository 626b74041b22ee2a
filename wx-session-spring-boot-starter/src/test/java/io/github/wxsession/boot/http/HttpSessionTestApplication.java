package io.github.wxsession.boot.http;

import io.github.wxsession.boot.autoconfigure.InMemoryWxSessionStoreBuilderCustomizer;
import io.github.wxsession.boot.autoconfigure.RedisWxSessionStoreBuilderCustomizer;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mini-program back end the HTTP session tests talk to: protected and public endpoints, a login
 * handler, a verifier, a bot handler on the same store, and sessions on a clock the tests move.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({HttpSessionTestApplication.Api.class, HttpSessionTestApplication.OpenApi.class,
        HttpSessionTestApplication.Bot.class})
class HttpSessionTestApplication {

    static final MutableClock CLOCK = MutableClock.startingAt("2026-01-01T00:00:00Z");

    /**
     * In memory unless a test says {@code test.store=redis}; either way the starter's own store,
     * with its {@code wx.session.*} settings, on the test's clock.
     */
    @Bean
    @ConditionalOnProperty(name = "test.store", havingValue = "memory", matchIfMissing = true)
    InMemoryWxSessionStoreBuilderCustomizer sessionClock() {
        return (account, store) -> store.clock(CLOCK);
    }

    @Bean
    @ConditionalOnProperty(name = "test.store", havingValue = "redis")
    RedisWxSessionStoreBuilderCustomizer redisSessionClock() {
        return (account, store) -> store.clock(CLOCK);
    }

    /** Replaces the store's own request scopes, so only the in-memory runs use it. */
    @Bean
    @ConditionalOnProperty(name = "test.store", havingValue = "memory", matchIfMissing = true)
    RecordingScopes recordingScopes() {
        return new RecordingScopes();
    }

    /** Refuses "oRefused"; remembers the role the application gives everyone else. */
    @Bean
    WxLoginHandler loginHandler() {
        return (user, session, request) -> {
            if (user.openId().equals("oRefused")) {
                throw new WxLoginRefusedException("this account is closed");
            }
            session.setAttribute("role", "member");
        };
    }

    /** Refuses sessions the application has suspended; fails like a down dependency when told to. */
    @Bean
    WxSessionVerifier notSuspended() {
        return (session, request) -> {
            if (session.getAttribute("verifier-fails") != null) {
                throw new IllegalStateException("the user directory is down");
            }
            return session.getAttribute("suspended") == null;
        };
    }

    @RestController
    @RequestMapping("/api")
    static class Api {

        @GetMapping("/me")
        Map<String, Object> me(WxSession session, HttpServletRequest request) {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("openid", session.getAttribute(WxHttpSessions.OPEN_ID));
            me.put("role", session.getAttribute("role"));
            me.put("sameAsRequest", session == WxHttpSessions.current(request));
            return me;
        }

        @PostMapping("/suspend")
        void suspend(WxSession session) {
            session.setAttribute("suspended", Boolean.TRUE);
        }

        @PostMapping("/fail")
        void fail(WxSession session) {
            session.setAttribute("half-done", Boolean.TRUE);
            throw new IllegalStateException("the handler failed");
        }

        @GetMapping("/later")
        Callable<String> later(WxSession session) {
            Object openId = session.getAttribute(WxHttpSessions.OPEN_ID);
            return () -> "later " + openId;
        }

        @GetMapping("/maybe")
        @WxSessionOptional
        String maybe(WxSession session) {
            return session == null ? "anonymous" : "hello " + session.getAttribute(WxHttpSessions.OPEN_ID);
        }

        @GetMapping("/health")
        String health(WxSession session) {
            return session == null ? "up" : "up for " + session.getAttribute(WxHttpSessions.OPEN_ID);
        }
    }

    @RestController
    @RequestMapping("/api/open")
    @WxSessionOptional
    static class OpenApi {

        @GetMapping("/news")
        String news() {
            return "news";
        }
    }

    @Component
    static class Bot {

        @WxHandler(msgType = "text")
        String echo(WxSession session) {
            return "session " + session.getId();
        }
    }
}
