package io.github.wxsession.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable stand-in for the WeChat API on loopback. Each path answers from its own queue
 * (the last answer repeats), every call is recorded before it is answered, and answers can be
 * any JSON, any HTTP status, a dropped connection, or no answer until the server closes.
 */
public final class FakeWeChatServer implements AutoCloseable {

    /** One request as the server received it. */
    public record Call(String method, String path, Map<String, String> query, String body) {
    }

    /** How the server answers one call. */
    @FunctionalInterface
    public interface Answer {
        void respond(HttpExchange exchange, Call call) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    private FakeWeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-wechat");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeWeChatServer start() throws IOException {
        return new FakeWeChatServer();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Scripts {@code path}: the n-th call gets the n-th answer, later calls the last one. */
    public FakeWeChatServer on(String path, Answer... answers) {
        scripts.put(path, Collections.synchronizedList(new ArrayList<>(List.of(answers))));
        return this;
    }

    public int calls(String path) {
        return callsTo(path).size();
    }

    public List<Call> callsTo(String path) {
        List<Call> recorded = calls.get(path);
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    public Call lastCall(String path) {
        List<Call> recorded = callsTo(path);
        if (recorded.isEmpty()) {
            throw new AssertionError("no call to " + path);
        }
        return recorded.get(recorded.size() - 1);
    }

    public static Answer json(String body) {
        return (exchange, call) -> send(exchange, 200, body);
    }

    public static Answer error(int errcode, String errmsg) {
        return json("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}");
    }

    public static Answer ok() {
        return error(0, "ok");
    }

    public static Answer token(String accessToken, int expiresIn) {
        return json("{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn + "}");
    }

    public static Answer status(int status, String body) {
        return (exchange, call) -> send(exchange, status, body);
    }

    /** Closes the connection without answering. */
    public static Answer dropConnection() {
        return (exchange, call) -> exchange.close();
    }

    /** Runs {@code action} (e.g. to change state behind the client's back), then answers. */
    public static Answer after(Runnable action, Answer then) {
        return (exchange, call) -> {
            action.run();
            then.respond(exchange, call);
        };
    }

    /** Waits for {@code latch}, then answers. */
    public static Answer after(CountDownLatch latch, Answer then) {
        return (exchange, call) -> {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
            then.respond(exchange, call);
        };
    }

    /** Never answers (the client times out); lets go when the server closes. */
    public Answer hang() {
        return (exchange, call) -> {
            closed.await(10, TimeUnit.SECONDS);
            exchange.close();
        };
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        Call call = new Call(exchange.getRequestMethod(), path, query(exchange.getRequestURI().getRawQuery()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        calls.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>())).add(call);
        try {
            nextAnswer(path).respond(exchange, call);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private Answer nextAnswer(String path) {
        List<Answer> script = scripts.get(path);
        if (script == null) {
            return status(404, "no script for " + path);
        }
        synchronized (script) {
            return script.size() > 1 ? script.remove(0) : script.get(0);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; encoding=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
