package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The emulator test application on a port known before it starts, so the accounts' API base URL
 * can point at the emulator's fake API, as an application using the emulator configures it.
 * Subclasses share one application context.
 */
@SpringBootTest(classes = EmulatorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class EmulatorTestSupport {

    static final int PORT = freePort();
    static final String SHOP = "wxShop0001";
    static final String PLAIN = "wxPlain0002";
    static final String CORP = "wwCorp0003";
    static final String MINI = "wxMini0004";
    static final String BOT = "aibotEmu0005";
    static final String SHOP_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        Map<String, String> properties = Map.ofEntries(
                Map.entry("server.port", String.valueOf(PORT)),
                Map.entry("wx.emulator.enabled", "true"),
                Map.entry("wx.api.base-url", "http://127.0.0.1:" + PORT + "/wx-emulator/api/"),
                Map.entry("wx.api.retry-backoff", "10ms"),
                Map.entry("wx.accounts.shop.app-id", SHOP),
                Map.entry("wx.accounts.shop.secret", "shop-secret"),
                Map.entry("wx.accounts.shop.token", "shop-token"),
                Map.entry("wx.accounts.shop.aes-key", SHOP_KEY),
                Map.entry("wx.accounts.plain.app-id", PLAIN),
                Map.entry("wx.accounts.plain.secret", "plain-secret"),
                Map.entry("wx.accounts.plain.token", "plain-token"),
                Map.entry("wx.accounts.corp.type", "cp"),
                Map.entry("wx.accounts.corp.app-id", CORP),
                Map.entry("wx.accounts.corp.secret", "corp-secret"),
                Map.entry("wx.accounts.corp.token", "corp-token"),
                Map.entry("wx.accounts.corp.aes-key", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"),
                Map.entry("wx.accounts.corp.agent-id", "1000002"),
                Map.entry("wx.accounts.mini.type", "miniapp"),
                Map.entry("wx.accounts.mini.message-format", "json"),
                Map.entry("wx.accounts.mini.app-id", MINI),
                Map.entry("wx.accounts.mini.secret", "mini-secret"),
                Map.entry("wx.accounts.mini.token", "mini-token"),
                Map.entry("wx.accounts.mini.aes-key", SHOP_KEY),
                Map.entry("wx.accounts.bot.type", "aibot"),
                Map.entry("wx.accounts.bot.app-id", BOT),
                Map.entry("wx.accounts.bot.token", "bot-token"),
                Map.entry("wx.accounts.bot.aes-key", SHOP_KEY));
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What the page does when the user acts: {@code POST /wx-emulator/send}, answered 202 with the
     * delivery's number, then the user's feed until that delivery's outcome shows; returns the
     * outcome (the last attempt).
     */
    static JsonNode send(String account, String openid, String kind, String content, String mode) throws Exception {
        HttpResponse<String> response = sendRaw(account, openid, kind, content, mode);
        if (response.statusCode() != 202) {
            throw new AssertionError("send answered " + response.statusCode() + ": " + response.body());
        }
        long delivery = json(response).path("delivery").asLong();
        return awaitFeed("?account=" + account + "&openid=" + openid + "&after=0",
                item -> item.path("kind").asText().equals("outcome") && item.path("delivery").asLong() == delivery);
    }

    /** The first entry of the feed {@code query} selects that {@code wanted} accepts, waiting up to 10 s for it. */
    static JsonNode awaitFeed(String query, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (JsonNode item : json(get("/wx-emulator/inbox" + query)).path("messages")) {
                if (wanted.test(item)) {
                    return item;
                }
            }
            // Over HTTP there is nothing to wait on but the next look, which is what the page does too.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("nothing wanted arrived in the feed " + query + " within 10 s");
    }

    static HttpResponse<String> sendRaw(String account, String openid, String kind, String content, String mode)
            throws Exception {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("account", account);
        body.put("openid", openid);
        body.put("kind", kind);
        body.put(kind.equals("click") ? "eventKey" : "content", content);
        body.put("mode", mode);
        return post("/wx-emulator/send", "application/json", JSON.writeValueAsString(body));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
