package io.github.wxsession.boot.emulator;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSession;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** Three accounts (safe-capable, plain-only, WeCom) and a bot with one handler for each thing the emulator shows. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EmulatorTestApplication.Handlers.class)
class EmulatorTestApplication {

    @Component
    static class Handlers {

        @WxHandler(msgType = "text", content = "count")
        String count(WxSession session, @WxSessionAttribute("count") Integer count) {
            int next = count == null ? 1 : count + 1;
            session.setAttribute("count", next);
            return "count=" + next;
        }

        @WxHandler(msgType = "text", content = "news")
        WxXmlOutMessage news(WxXmlMessage message) {
            return WxXmlOutMessage.replyTo(message).build(new WxReplyBody.News(List.of(
                    WxReplyBody.Article.builder().title("Release notes").url("https://example.com/notes").build())));
        }

        @WxHandler(msgType = "text", content = "boom")
        String boom() {
            throw new IllegalStateException("the handler failed");
        }

        @WxHandler(msgType = "text", content = "later", async = true)
        String later(WxAccount account) {
            return "later from " + account.name();
        }

        @WxHandler(msgType = "event", event = "user_enter_tempsession")
        String entered(WxXmlMessage message) {
            return "entered from " + message.get("SessionFrom");
        }

        @WxHandler(msgType = "event", event = "enter_chat")
        String chatOpened() {
            return "Welcome!";
        }

        @WxHandler(msgType = "event", event = "subscribe")
        String welcome() {
            return "Welcome!";
        }

        @WxHandler(msgType = "event", event = "CLICK", eventKey = "RULES")
        String rules() {
            return "The rules";
        }

        /** The AI bot's streamed answer (AI-bot accounts only): two chunks, the second after the emulated WeCom has polled. */
        @WxHandler(msgType = "text", content = "stream")
        void stream(WxStream stream) throws InterruptedException {
            stream.append("first, ");
            Thread.sleep(2 * EmulatedWeChatServer.STREAM_POLL.toMillis());
            stream.append("second");
        }

        @WxHandler(msgType = "text", order = 100)
        String echo(WxXmlMessage message, WxAccount account) {
            return account.name() + ": " + message.getContent();
        }
    }
}
