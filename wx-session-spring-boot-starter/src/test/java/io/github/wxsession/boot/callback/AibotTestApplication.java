package io.github.wxsession.boot.callback;

import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSession;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** A WeCom AI bot the tests talk to over real HTTP, as WeCom would. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AibotTestApplication.Handlers.class)
class AibotTestApplication {

    static final String TOKEN = "aibot-token";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String[] PROPERTIES = {"wx.type=aibot", "wx.app-id=BOT", "wx.token=" + TOKEN, "wx.aes-key=" + AES_KEY};

    static final String CARD = "{\"card_type\":\"button_interaction\",\"task_id\":\"task-1\","
            + "\"main_title\":{\"title\":\"Pick one\"},\"button_list\":[{\"text\":\"OK\",\"key\":\"ok\"}]}";

    @Component
    static class Handlers {

        final AtomicInteger streamed = new AtomicInteger();
        /** Set by a test: the streaming handler waits on it between its two chunks. */
        volatile CountDownLatch secondChunk = new CountDownLatch(0);

        /** Two chunks; between them it waits for the test, which has seen the first by then. */
        @WxHandler(msgType = "text", contentRegex = "echo .*")
        void echo(WxXmlMessage message, WxStream stream, WxSession session) throws InterruptedException {
            streamed.incrementAndGet();
            stream.append("You said: ");
            if (!secondChunk.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never asked for the second chunk");
            }
            stream.append(message.getContent().substring("echo ".length()));
            Integer count = (Integer) session.getAttribute("echoes");
            session.setAttribute("echoes", count == null ? 1 : count + 1);
        }

        /** Set by a test: the slow handler signals it runs, then waits to be released. */
        volatile CountDownLatch slowRunning = new CountDownLatch(1);
        volatile CountDownLatch slowRelease = new CountDownLatch(0);

        /** A slow handler that writes no stream: its answer is text, when it comes. */
        @WxHandler(msgType = "text", content = "slow")
        String slow() throws InterruptedException {
            slowRunning.countDown();
            if (!slowRelease.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the slow handler");
            }
            return "slow answer";
        }

        /** A plain text reply: a stream finished at once; the session counts. */
        @WxHandler(msgType = "text", content = "count")
        String count(WxSession session, @WxSessionAttribute("count") Integer count) {
            int next = count == null ? 1 : count + 1;
            session.setAttribute("count", next);
            return "count=" + next;
        }

        @WxHandler(msgType = "text", content = "card")
        WxXmlOutMessage card(WxXmlMessage message) {
            return WxXmlOutMessage.replyTo(message).templateCard(CARD);
        }

        /** Set by a test: the async handler waits on it, so the callback is surely answered first. */
        volatile CountDownLatch laterRelease = new CountDownLatch(0);

        /** Answered after the callback, through the stream announced for it. */
        @WxHandler(msgType = "text", content = "later", async = true)
        String later() throws InterruptedException {
            if (!laterRelease.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the async handler");
            }
            return "here it is";
        }

        @WxHandler(msgType = "text", content = "picture")
        WxXmlOutMessage picture(WxXmlMessage message) {
            return WxXmlOutMessage.replyTo(message).image("media");
        }

        @WxHandler(msgType = "event", event = "enter_chat")
        String welcome() {
            return "Welcome!";
        }

        @WxHandler(msgType = "event", event = "template_card_event")
        WxXmlOutMessage clicked(WxXmlMessage message) {
            return WxXmlOutMessage.replyTo(message).templateCard(CARD.replace("Pick one", "Picked " + message.getEventKey()));
        }

        /** WeCom takes no answer to feedback; whatever a handler returns is dropped. */
        @WxHandler(msgType = "event", event = "feedback_event")
        String feedback() {
            return "thanks";
        }
    }
}
