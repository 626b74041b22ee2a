package io.github.wxsession.test;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Plays WeChat's server against a callback on loopback: signs, encrypts and posts like it does. */
public final class WeChatCallbackClient {

    private static final AtomicLong MSG_IDS = new AtomicLong(7_000_000);
    private static final AtomicLong NONCES = new AtomicLong();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;

    public WeChatCallbackClient(int port, String path, String token) {
        this.baseUrl = "http://127.0.0.1:" + port + path;
        this.token = token;
    }

    public static String text(String from, String content) {
        return text(MSG_IDS.incrementAndGet(), from, content);
    }

    public static String text(long msgId, String from, String content) {
        return "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    public HttpResponse<String> get(String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "?" + query)).GET());
    }

    /** A plain-mode POST, signed with the account's token. */
    public HttpResponse<String> postPlain(String body) throws Exception {
        return postPlain(body, null);
    }

    /**
     * A plain-mode POST that gives up after {@code timeout} ({@code null}: never), signed now.
     *
     * @throws java.net.http.HttpTimeoutException when it gave up
     */
    public HttpResponse<String> postPlain(String body, Duration timeout) throws Exception {
        String ts = now();
        String nonce = Long.toString(100_000_000L + NONCES.incrementAndGet());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "?" + signatureQuery(ts, nonce)))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timeout != null) {
            request.timeout(timeout);
        }
        return send(request);
    }

    /** A safe-mode POST: only ToUserName and Encrypt in the body, both signatures in the URL. */
    public HttpResponse<String> postSafe(WxMessageCrypt crypt, String plaintext) throws Exception {
        String encrypt = crypt.encrypt(plaintext);
        return postEncrypted(encrypt, "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA["
                + encrypt + "]]></Encrypt></xml>");
    }

    /** Posts {@code body} as an encrypted request whose ciphertext is {@code encrypt}, correctly signed. */
    public HttpResponse<String> postEncrypted(String encrypt, String body) throws Exception {
        String ts = now();
        String nonce = "415670741";
        String query = signatureQuery(ts, nonce) + "&encrypt_type=aes&msg_signature="
                + WxSignatures.sortedSha1(token, ts, nonce, encrypt);
        return post(query, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A WeCom POST: msg_signature only. */
    public HttpResponse<String> postWeCom(WxMessageCrypt crypt, String plaintext) throws Exception {
        String ts = now();
        String nonce = "263014780";
        String encrypt = crypt.encrypt(plaintext);
        String query = "timestamp=" + ts + "&nonce=" + nonce + "&msg_signature="
                + WxSignatures.sortedSha1(token, ts, nonce, encrypt);
        return post(query, ("<xml><ToUserName><![CDATA[corp]]></ToUserName><AgentID>1</AgentID><Encrypt><![CDATA["
                + encrypt + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8));
    }

    /** WeChat signs the time it sends at, in seconds; the callback refuses one too far from its clock. */
    public static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    public HttpResponse<String> post(String query, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "?" + query))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public String signatureQuery(String ts, String nonce) {
        return "signature=" + WxSignatures.sortedSha1(token, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce
                + "&openid=oUser";
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
