package io.github.wxsession.benchmarks.async;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The two things an async handler talks to, on one loopback HTTP server: a slow service it
 * queries ({@code /lookup}, answered after a fixed delay, the I/O the handler waits on) and
 * WeChat's API (an access token, and {@code cgi-bin/message/custom/send}, whose every arrival is
 * recorded: that is when a user got the reply). The delay is scheduled, not slept, so this
 * server holds no thread per waiting request and takes no CPU from the application measured.
 */
final class SlowUpstream implements AutoCloseable {

    /** When a reply reached the customer-service API ({@link System#nanoTime()}), and for whom. */
    record Arrival(long nanos, String body) {
    }

    static {
        // The JDK server closes idle connections beyond 200 (and after 30 s); a round leaves ~400
        // (lookups and replies), and a client that picks one just closed loses that POST: the API
        // client does not resend a reply WeChat may already have applied. WeChat keeps its own
        // connections; this stand-in must not drop replies of its own accord. Read once, when the
        // server classes load, so it is set before the first server is made.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Arrival> replies = new LinkedBlockingQueue<>();

    SlowUpstream(Duration lookupDelay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/lookup", exchange -> {
            drain(exchange);
            delays.schedule(() -> answer(exchange, "{\"answer\":42}"), lookupDelay.toMillis(), TimeUnit.MILLISECONDS);
        });
        server.createContext("/cgi-bin/token", exchange -> {
            drain(exchange);
            answer(exchange, "{\"access_token\":\"bench-token\",\"expires_in\":7200}");
        });
        server.createContext("/cgi-bin/message/custom/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            replies.add(new Arrival(System.nanoTime(), body));
            answer(exchange, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
        server.start();
    }

    /** The API root for {@code wx.api.base-url}. */
    String apiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    URI lookupUri() {
        return URI.create(apiBaseUrl() + "lookup");
    }

    /** The next reply sent through the customer-service API, or {@code null} after {@code timeout}. */
    Arrival nextReply(Duration timeout) throws InterruptedException {
        return replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
    }

    private static void answer(HttpExchange exchange, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        handlers.shutdownNow();
    }
}
