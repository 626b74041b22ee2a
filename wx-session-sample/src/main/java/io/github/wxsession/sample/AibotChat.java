package io.github.wxsession.sample;

import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.message.WxXmlMessage;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sample as a WeCom AI bot ({@code wx.type=aibot}): every text is answered with a stream
 * written in two chunks half a second apart, as a language model would, the way WeCom shows it
 * (a typewriter). Its handlers come before the number game's, which an AI bot does not play.
 */
@Component
@ConditionalOnProperty(name = "wx.type", havingValue = "aibot")
public class AibotChat {

    static final Duration BETWEEN_CHUNKS = Duration.ofMillis(500);

    /**
     * The first chunk answers WeCom's callback at once; WeCom then asks for the rest, which the
     * stream's store serves while this handler is still writing.
     */
    @WxHandler(msgType = "text", order = -1)
    public void answer(WxXmlMessage message, WxStream stream) throws InterruptedException {
        stream.append("You said: ");
        Thread.sleep(BETWEEN_CHUNKS.toMillis());
        stream.append(message.getContent());
        stream.finish();
    }

    /** The user opened the chat: the only time a plain text answer is allowed. */
    @WxHandler(msgType = "event", event = "enter_chat")
    public String welcome() {
        return "Welcome!";
    }
}
