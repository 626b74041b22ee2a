package io.github.wxsession.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The sample's emulator feed, where the (emulated) customer-service API delivers the bot's messages. */
final class EmulatorInbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    EmulatorInbox(int port) {
        this.port = port;
    }

    /** The number of the feed's last entry: what came after it is news. */
    long last() throws Exception {
        return JSON.readTree(get("/wx-emulator/config")).path("inboxSeq").asLong();
    }

    /** The first message to {@code openid} after entry {@code after}, waiting up to 15 s for it. */
    JsonNode await(String openid, long after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode messages = JSON.readTree(get("/wx-emulator/inbox?openid=" + openid + "&after=" + after))
                    .path("messages");
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
            // Over HTTP there is nothing to wait on but the next look, which is what the page does too.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("no customer-service message reached " + openid + " within 15 s");
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
