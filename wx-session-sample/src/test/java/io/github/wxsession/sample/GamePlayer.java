package io.github.wxsession.sample;

import io.github.wxsession.redis.Await;
import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionStore;
import java.time.Duration;
import java.util.Queue;

/**
 * One user playing the sample's number game through {@link WeChatRetries}, knowing what every
 * reply must be: the number picked is read from the session once per game, misses alternate 0
 * ({@code Bigger}) and 101 ({@code Smaller}), and the hit must count exactly the misses answered
 * before it, so a move lost or handled twice shows in the count. The player's messages alternate
 * between the instances. A reply other than the expected one is written to {@code wrong}; the
 * player plays on from what it expected.
 * <p>
 * Not thread-safe: one thread plays one player.
 */
final class GamePlayer {

    static final String START = "I picked a number between 1 and 100. Guess!";
    static final String NO_GAME = "Send guess to start.";
    private static final Duration NUMBER_READ = Duration.ofSeconds(20);

    private final String openid;
    private final WeChatRetries weChat;
    private final WxSessionStore sessions;
    private final Queue<String> wrong;
    private int sent;
    private Integer number;
    private int misses;
    private int gamesWon;
    private long lastAnswerAt;

    /**
     * @param sessions where the number picked is read (an instance's store, as its handlers see it)
     * @param wrong where wrong replies are written, shared by the players of a test
     */
    GamePlayer(String openid, WeChatRetries weChat, WxSessionStore sessions, Queue<String> wrong) {
        this.openid = openid;
        this.weChat = weChat;
        this.sessions = sessions;
        this.wrong = wrong;
    }

    String openid() {
        return openid;
    }

    /** Games this player won so far, every reply of them right. */
    int gamesWon() {
        return gamesWon;
    }

    /** The number of the game under way, as read from the session when it began; {@code null} between games. */
    Integer number() {
        return number;
    }

    /** Misses answered in the game under way. */
    int misses() {
        return misses;
    }

    /** When the last reply came ({@link System#nanoTime()}), 0 before any. */
    long lastAnswerAt() {
        return lastAnswerAt;
    }

    /** A whole game: {@code guess}, {@code misses} misses, the hit, then a number with no game under way. */
    void playGame(int misses) {
        startGame();
        for (int i = 0; i < misses; i++) {
            miss();
        }
        hit();
        noGame();
    }

    /** {@code guess}: a new game, whose number is then read from the session. */
    void startGame() {
        say("guess", START);
        number = readNumber();
        misses = 0;
    }

    /** A guess below (0) or above (101) every number the game picks. */
    void miss() {
        boolean low = misses % 2 == 0;
        say(low ? "0" : "101", low ? "Bigger" : "Smaller");
        misses++;
    }

    /** The number: the game must count every miss answered, each once. */
    void hit() {
        say(Integer.toString(number), "Correct! " + (misses + 1) + " tries.");
        number = null;
        gamesWon++;
    }

    /**
     * The number, after Redis may have lost the last writes it acknowledged: the game may count up
     * to {@code maxLost} misses fewer than were answered, never more.
     *
     * @return how many answered misses the game did not count
     */
    int hitAfterLoss(int maxLost) {
        String reply = say(Integer.toString(number), null);
        number = null;
        for (int lost = 0; lost <= maxLost && lost <= misses; lost++) {
            if (reply.equals("Correct! " + (misses + 1 - lost) + " tries.")) {
                gamesWon++;
                return lost;
            }
        }
        wrong.add(openid + " hit " + (sent - 1) + ": expected 'Correct! n tries.' with n from "
                + (misses + 1 - Math.min(maxLost, misses)) + " to " + (misses + 1) + ", got '" + reply + "'");
        return -1;
    }

    /** A number with no game under way. */
    void noGame() {
        say("7", NO_GAME);
    }

    /** Delivers {@code content} (to the next instance in turn) and checks the reply; returns it. */
    private String say(String content, String expected) {
        int message = sent++;
        WeChatRetries.Answer answer = weChat.deliver(message, openid, content);
        lastAnswerAt = answer.at();
        if (expected != null && !expected.equals(answer.content())) {
            wrong.add(openid + " message " + message + " '" + content + "' (first to instance " + message % 2
                    + "): expected '" + expected + "', got '" + answer.content() + "'");
        }
        return answer.content();
    }

    private Integer readNumber() {
        return Await.until(NUMBER_READ, openid + "'s number in the session", () -> {
            try {
                WxSession session = sessions.getSession(openid, false);
                return session == null ? null : (Integer) session.getAttribute(NumberGame.NUMBER);
            } catch (WxRedisUnavailableException failingOver) {
                return null;
            }
        });
    }
}
