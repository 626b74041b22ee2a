package io.github.wxsession.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays WeCom's server for an AI bot on loopback: encrypts each callback into
 * {@code {"encrypt":…}} with receiveid {@code ""}, signs it, gives up after 5 s as WeCom is
 * assumed to, checks the reply envelope's signature and decrypts it, and polls streams with
 * refresh callbacks, as WeCom does until {@code finish}.
 */
public final class WeComAibotClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<String> baseUrls;
    private final String token;
    private final String encodingAesKey;
    private final WxMessageCrypt crypt;
    private int next;

    /** A client posting to each of {@code baseUrls} in turn (one per instance), e.g. {@code http://127.0.0.1:8080/wx/callback}. */
    public WeComAibotClient(List<String> baseUrls, String token, String encodingAesKey) {
        this.baseUrls = List.copyOf(baseUrls);
        this.token = token;
        this.encodingAesKey = encodingAesKey;
        this.crypt = WxMessageCrypt.of(token, encodingAesKey, "");
    }

    /** What the bot answered: the HTTP status and the decrypted plaintext ({@code null} for the empty body). */
    public record Reply(int status, String plaintext) {

        public JsonNode json() {
            try {
                return JSON.readTree(plaintext);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + plaintext, e);
            }
        }

        /** {@code stream.id} of a stream reply. */
        public String streamId() {
            return json().get("stream").get("id").asText();
        }

        public String streamContent() {
            return json().get("stream").get("content").asText();
        }

        public boolean finished() {
            return json().get("stream").get("finish").asBoolean();
        }
    }

    /** A text message from {@code user} in a single chat, with a fresh msgid. */
    public static String text(String user, String content) {
        return text("msg-" + IDS.incrementAndGet(), user, content);
    }

    public static String text(String msgid, String user, String content) {
        return "{\"msgid\":\"" + msgid + "\",\"aibotid\":\"BOT\",\"chattype\":\"single\",\"from\":{\"userid\":\"" + user
                + "\"},\"response_url\":\"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x\","
                + "\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}}";
    }

    public static String event(String user, String eventType, String members) {
        return "{\"msgid\":\"ev-" + IDS.incrementAndGet() + "\",\"create_time\":" + System.currentTimeMillis() / 1000
                + ",\"aibotid\":\"BOT\",\"from\":{\"userid\":\"" + user + "\"},\"msgtype\":\"event\",\"event\":{\"eventtype\":\""
                + eventType + "\"" + (members.isEmpty() ? "" : "," + members) + "}}";
    }

    public static String refresh(String user, String streamId) {
        return "{\"msgid\":\"r-" + IDS.incrementAndGet() + "\",\"aibotid\":\"BOT\",\"chattype\":\"single\",\"from\":{\"userid\":\""
                + user + "\"},\"msgtype\":\"stream\",\"stream\":{\"id\":\"" + streamId + "\"}}";
    }

    /** Posts one callback to the next instance in turn. */
    public Reply post(String plaintext) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(200_000_000L + IDS.incrementAndGet());
        String encrypt = crypt.encrypt(plaintext);
        String query = "msg_signature=" + WxSignatures.sortedSha1(token, ts, nonce, encrypt) + "&timestamp=" + ts
                + "&nonce=" + nonce;
        HttpResponse<String> response = send(query, "{\"encrypt\":\"" + encrypt + "\"}");
        return new Reply(response.statusCode(), open(response, nonce));
    }

    /** A correctly signed callback encrypted for another receiveid than the bot's {@code ""}; its status. */
    public int postFramedFor(String receiveId, String plaintext) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "1372623149";
        String encrypt = WxMessageCrypt.of(token, encodingAesKey, receiveId).encrypt(plaintext);
        String query = "msg_signature=" + WxSignatures.sortedSha1(token, ts, nonce, encrypt) + "&timestamp=" + ts
                + "&nonce=" + nonce;
        return postRaw(query, ("{\"encrypt\":\"" + encrypt + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Posts raw bytes with the given query, for hostile requests; the status only matters. */
    public int postRaw(String query, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nextUrl() + "?" + query)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The URL verification: the decrypted echostr, or the status when refused. */
    public HttpResponse<String> verify(String echo) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "263014780";
        String echostr = crypt.encrypt(echo);
        String query = "msg_signature=" + WxSignatures.sortedSha1(token, ts, nonce, echostr) + "&timestamp=" + ts
                + "&nonce=" + nonce + "&echostr=" + WeChatCallbackClient.encode(echostr);
        return http.send(HttpRequest.newBuilder(URI.create(nextUrl() + "?" + query)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asks for {@code streamId} until it is finished, as WeCom does, each refresh on the next
     * instance; returns every content seen, in order, the finished one last.
     */
    public List<String> pollUntilFinished(String user, String streamId, Duration interval, Duration limit)
            throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = post(refresh(user, streamId));
            if (reply.status() != 200 || reply.plaintext() == null) {
                throw new AssertionError("refresh of " + streamId + " answered " + reply);
            }
            if (!reply.streamId().equals(streamId)) {
                throw new AssertionError("refresh of " + streamId + " answered another stream: " + reply);
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(reply.streamContent())) {
                seen.add(reply.streamContent());
            }
            if (reply.finished()) {
                return seen;
            }
            Thread.sleep(interval.toMillis());
        }
        throw new AssertionError("stream " + streamId + " not finished within " + limit + "; seen " + seen);
    }

    private HttpResponse<String> send(String query, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nextUrl() + "?" + query)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized String nextUrl() {
        String url = baseUrls.get(next);
        next = (next + 1) % baseUrls.size();
        return url;
    }

    /** Checks the reply envelope as WeCom would and decrypts it; {@code null} for the empty body. */
    private String open(HttpResponse<String> response, String nonce) throws Exception {
        if (response.statusCode() != 200 || response.body().isEmpty()) {
            return null;
        }
        JsonNode envelope = JSON.readTree(response.body());
        String encrypt = envelope.get("encrypt").asText();
        String signature = envelope.get("msgsignature").asText();
        String replyTs = envelope.get("timestamp").asText();
        if (!envelope.get("nonce").asText().equals(nonce)) {
            throw new AssertionError("the reply's nonce is not the callback's: " + response.body());
        }
        if (!WxSignatures.sortedSha1(token, replyTs, nonce, encrypt).equals(signature)) {
            throw new AssertionError("the reply's msgsignature does not verify: " + response.body());
        }
        return crypt.decrypt(encrypt);
    }
}
