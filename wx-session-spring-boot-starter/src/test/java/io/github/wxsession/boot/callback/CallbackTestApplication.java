package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSession;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small bot the callback tests talk to over real HTTP, plus an ordinary JSON endpoint of the host app. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CallbackTestApplication.Handlers.class, CallbackTestApplication.HostController.class, ThinkingHandlers.class})
class CallbackTestApplication {

    @Component
    static class Handlers {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();

        /** A stateful conversation: each "count" answers one more than the last. */
        @WxHandler(msgType = "text", content = "count")
        String count(WxSession session, @WxSessionAttribute("count") Integer count) {
            calls.incrementAndGet();
            int next = count == null ? 1 : count + 1;
            session.setAttribute("count", next);
            return "count=" + next;
        }

        /** Set by a test before it sends "hold": the handler writes the session, then waits for the test. */
        volatile CountDownLatch holding = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);

        @WxHandler(msgType = "text", content = "hold")
        String hold(WxSession session) throws InterruptedException {
            calls.incrementAndGet();
            session.setAttribute("held", true);
            holding.countDown();
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the handler");
            }
            return "held";
        }

        @WxHandler(msgType = "text", content = "quiet")
        void quiet() {
            calls.incrementAndGet();
        }

        @WxHandler(msgType = "text", content = "flaky")
        String flaky() {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("transient failure");
            }
            return "recovered";
        }

        @WxHandler(msgType = "event", event = "subscribe")
        String welcome() {
            calls.incrementAndGet();
            return "Welcome!";
        }

        @WxHandler(msgType = "text", order = 100)
        String echo(WxXmlMessage message) {
            calls.incrementAndGet();
            return message.getContent();
        }
    }

    @RestController
    static class HostController {

        @GetMapping("/api/greeting")
        Map<String, String> greeting() {
            return Map.of("greeting", "hello");
        }
    }
}
