package io.github.wxsession.benchmarks;

import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxMsgType;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sample's number game as router rules, written as the sample writes it: {@code guess}
 * starts a game, a number is a guess against the number kept in the sender's session, any other
 * text is echoed.
 */
final class NumberGame {

    static final String START = "guess";
    static final String NUMBER = "number";
    static final String TRIES = "tries";

    private NumberGame() {
    }

    /** Adds the game's three rules to {@code router}. */
    static WxMessageRouter addRules(WxMessageRouter router) {
        return router.rule().msgType(WxMsgType.TEXT).content(START).handler(NumberGame::start).end()
                .rule().msgType(WxMsgType.TEXT).contentRegex("\\d{1,9}").handler(NumberGame::guess).end()
                .rule().msgType(WxMsgType.TEXT).handler(NumberGame::echo).end();
    }

    /** Starts (or restarts) a game in {@code session}. */
    static void newGame(WxSession session) {
        session.setAttribute(NUMBER, ThreadLocalRandom.current().nextInt(1, 101));
        session.setAttribute(TRIES, 0);
    }

    private static WxXmlOutMessage start(WxXmlMessage message, Map<String, Object> context,
            WxService wxService, WxSessionManager sessions) {
        newGame(sessions.getSession(message.getFromUserName()));
        return WxXmlOutMessage.replyTo(message).text("I picked a number between 1 and 100. Guess!");
    }

    private static WxXmlOutMessage guess(WxXmlMessage message, Map<String, Object> context,
            WxService wxService, WxSessionManager sessions) {
        WxSession session = sessions.getSession(message.getFromUserName());
        Integer number = (Integer) session.getAttribute(NUMBER);
        if (number == null) {
            return WxXmlOutMessage.replyTo(message).text("Send " + START + " to start.");
        }
        int tries = (Integer) session.getAttribute(TRIES) + 1;
        int guess = Integer.parseInt(message.getContent().strip());
        if (guess == number) {
            session.removeAttribute(NUMBER);
            session.removeAttribute(TRIES);
            return WxXmlOutMessage.replyTo(message).text("Correct! " + tries + " tries.");
        }
        session.setAttribute(TRIES, tries);
        return WxXmlOutMessage.replyTo(message).text(guess < number ? "Bigger" : "Smaller");
    }

    private static WxXmlOutMessage echo(WxXmlMessage message, Map<String, Object> context,
            WxService wxService, WxSessionManager sessions) {
        return WxXmlOutMessage.replyTo(message).text(message.getContent());
    }
}
