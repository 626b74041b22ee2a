package io.github.wxsession.sample;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSession;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The number-guessing game: {@code guess} starts a round, numbers are answered with
 * {@code Bigger} / {@code Smaller} until {@code Correct!}. The round lives in the player's session.
 */
@Component
public class NumberGame {

    static final String NUMBER = "number";
    static final String TRIES = "tries";

    @WxHandler(msgType = "text", contentRegex = "(?i)\\s*guess\\s*")
    public String start(WxSession session) {
        session.setAttribute(NUMBER, ThreadLocalRandom.current().nextInt(1, 101));
        session.setAttribute(TRIES, 0);
        return "I picked a number between 1 and 100. Guess!";
    }

    @WxHandler(msgType = "text", contentRegex = "\\s*[+-]?\\d{1,9}\\s*", order = 1)
    public String guess(WxXmlMessage message, WxSession session, @WxSessionAttribute(NUMBER) Integer number,
            @WxSessionAttribute(TRIES) Integer tries) {
        if (number == null) {
            return "Send guess to start.";
        }
        int guess = Integer.parseInt(message.getContent().trim());
        int count = tries + 1;
        if (guess == number) {
            session.removeAttribute(NUMBER);
            session.removeAttribute(TRIES);
            return "Correct! " + count + " tries.";
        }
        session.setAttribute(TRIES, count);
        return guess < number ? "Bigger" : "Smaller";
    }

    @WxHandler(msgType = "event", event = "subscribe")
    public String welcome() {
        return "Welcome!";
    }

    /** The menu item with key {@code RULES}. */
    @WxHandler(msgType = "event", event = "CLICK", eventKey = "RULES")
    public String rules() {
        return "Send guess to start a round, then numbers: I answer Bigger or Smaller until you hit it.";
    }

    /** Anything else is echoed; it runs after the game's handlers. */
    @WxHandler(msgType = "text", order = 100)
    public String echo(WxXmlMessage message) {
        return message.getContent();
    }
}
