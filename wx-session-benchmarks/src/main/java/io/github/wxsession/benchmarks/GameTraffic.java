package io.github.wxsession.benchmarks;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Callback requests of the sample's number game, made ahead so a benchmark measures their
 * handling only: text messages from {@link #USERS} users, 10% {@code guess}, 85% a number from 1
 * to 100 and 5% other text, each with its own MsgId, timestamp and nonce, signed as WeChat signs
 * them. The same seed gives the same traffic.
 */
final class GameTraffic {

    static final int USERS = 10_000;
    static final String ACCOUNT = "gh_3f9a1c2b7d4e";
    static final String APP_ID = "wx5823bf96d3bd56c7";
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    private static final String[] CHATTER = {"hello", "你好", "how does this work?", "🙂 nice game"};
    private static final char[] OPENID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final long FIRST_MSG_ID = 24_621_567_891_234_560L;
    private static final long FIRST_CREATE_TIME = 1_714_521_600L;

    private final SplittableRandom random;
    private final String token;
    private final String[] users = new String[USERS];
    private long nextMsgId = FIRST_MSG_ID;

    GameTraffic(long seed) {
        this(seed, TOKEN);
    }

    /** Traffic signed with another account's {@code token}, e.g. the sample app's. */
    GameTraffic(long seed, String token) {
        this.random = new SplittableRandom(seed);
        this.token = token;
        for (int i = 0; i < USERS; i++) {
            users[i] = openId();
        }
    }

    /** The senders' openids. */
    String[] users() {
        return users.clone();
    }

    /** {@code count} plain-mode requests: the message XML as body, the 3-field signature. */
    CallbackRequest[] plain(int count) {
        CallbackRequest[] requests = new CallbackRequest[count];
        for (int i = 0; i < count; i++) {
            String timestamp = Long.toString(FIRST_CREATE_TIME + i);
            String nonce = nonce();
            requests[i] = new CallbackRequest(utf8(nextMessage(timestamp)), timestamp, nonce,
                    WxSignatures.sortedSha1(token, timestamp, nonce));
        }
        return requests;
    }

    /**
     * {@code count} safe-mode requests: the message encrypted by {@code crypt} inside WeChat's
     * envelope as body, the {@code msg_signature} over the ciphertext.
     */
    CallbackRequest[] safe(int count, WxMessageCrypt crypt) {
        CallbackRequest[] requests = new CallbackRequest[count];
        for (int i = 0; i < count; i++) {
            String timestamp = Long.toString(FIRST_CREATE_TIME + i);
            String nonce = nonce();
            String encrypt = crypt.encrypt(nextMessage(timestamp));
            String body = "<xml>\n    <ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName>\n"
                    + "    <Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n</xml>";
            requests[i] = new CallbackRequest(utf8(body), timestamp, nonce,
                    WxSignatures.sortedSha1(token, timestamp, nonce, encrypt));
        }
        return requests;
    }

    /** A text message laid out as WeChat sends it. */
    private String nextMessage(String createTime) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName>\n"
                + "<FromUserName><![CDATA[" + users[random.nextInt(USERS)] + "]]></FromUserName>\n"
                + "<CreateTime>" + createTime + "</CreateTime>\n"
                + "<MsgType><![CDATA[text]]></MsgType>\n"
                + "<Content><![CDATA[" + content() + "]]></Content>\n"
                + "<MsgId>" + nextMsgId++ + "</MsgId>\n</xml>";
    }

    private String content() {
        int dice = random.nextInt(100);
        if (dice < 10) {
            return NumberGame.START;
        }
        if (dice < 95) {
            return Integer.toString(random.nextInt(1, 101));
        }
        return CHATTER[random.nextInt(CHATTER.length)];
    }

    /** 28 characters starting with {@code o}, like a real openid. */
    private String openId() {
        char[] id = new char[28];
        id[0] = 'o';
        for (int i = 1; i < id.length; i++) {
            id[i] = OPENID_CHARS[random.nextInt(OPENID_CHARS.length)];
        }
        return new String(id);
    }

    /** WeChat's nonces are decimal numbers of up to ten digits. */
    private String nonce() {
        return Integer.toString(random.nextInt(100_000_000, Integer.MAX_VALUE));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
