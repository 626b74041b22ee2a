package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.session.WxSession;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Handlers slower than WeChat waits, standing for a call to a language model: {@code think <ms>}
 * follows {@code wx.router.late-reply}, {@code ponder <ms>} always takes WeChat's retries.
 */
@Component
class ThinkingHandlers {

    final AtomicInteger runs = new AtomicInteger();

    @WxHandler(msgType = "text", contentRegex = "think \\d+")
    String think(WxXmlMessage message, WxSession session) throws InterruptedException {
        return thought(message, session);
    }

    @WxHandler(msgType = "text", contentRegex = "ponder \\d+", lateReply = WxLateReply.RETRIES)
    String ponder(WxXmlMessage message, WxSession session) throws InterruptedException {
        return thought(message, session);
    }

    private String thought(WxXmlMessage message, WxSession session) throws InterruptedException {
        int run = runs.incrementAndGet();
        long millis = Long.parseLong(message.getContent().split(" ")[1]);
        // The slow call itself, not a test waiting for something.
        Thread.sleep(millis);
        session.setAttribute("thoughts", session.getAttribute("thoughts") instanceof Integer n ? n + 1 : 1);
        return "Thought for " + millis + " ms (run " + run + ").";
    }
}
