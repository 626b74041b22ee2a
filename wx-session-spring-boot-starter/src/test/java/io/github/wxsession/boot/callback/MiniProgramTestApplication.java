package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSession;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** A mini program's customer-service bot the tests talk to over real HTTP. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MiniProgramTestApplication.Handlers.class)
class MiniProgramTestApplication {

    static final String APP_ID = "wxba5fad812f8e6fb9";
    static final String TOKEN = "AAAAA";
    static final String AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Component
    static class Handlers {

        final AtomicInteger calls = new AtomicInteger();

        @WxHandler(msgType = "text", content = "count")
        String count(WxSession session, @WxSessionAttribute("count") Integer count) {
            calls.incrementAndGet();
            int next = count == null ? 1 : count + 1;
            session.setAttribute("count", next);
            return "count=" + next;
        }

        @WxHandler(msgType = "text", content = "human")
        WxXmlOutMessage human(WxXmlMessage message) {
            calls.incrementAndGet();
            return WxXmlOutMessage.replyTo(message).transferCustomerService();
        }

        @WxHandler(msgType = "event", event = "user_enter_tempsession")
        String entered(WxXmlMessage message) {
            calls.incrementAndGet();
            return "Hi, you came from " + message.get("SessionFrom");
        }

        @WxHandler(msgType = "miniprogrampage")
        String page(WxXmlMessage message) {
            calls.incrementAndGet();
            return "You sent " + message.get("PagePath");
        }
    }
}
