package io.github.wxsession.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A private {@code redis-server} (the one on the {@code PATH}) on a free loopback port for one
 * trial: no persistence, so nothing but the benchmark's own commands costs the server time.
 * Its {@code INFO} and {@code CONFIG RESETSTAT} are read over a plain socket, so counting
 * commands never goes through the client being measured.
 */
final class LocalRedisServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** A MONITOR line, {@code +<time> [<db> <client address, or lua>] "<command>" "<arg>"...}. */
    private static final Pattern MONITOR_LINE = Pattern.compile("\\+\\S+ \\[\\d+ (\\S+)\\] \"([^\"]+)\"");

    private final Process process;
    private final int port;

    private LocalRedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code redis-server} and returns once it answers. */
    static LocalRedisServer start() throws IOException {
        int port;
        // Found by binding and closing; another process could take it before redis-server binds it,
        // which then fails to start below with a clear message rather than measuring something else.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", HOST,
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        LocalRedisServer server = new LocalRedisServer(process, port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try {
                server.command("PING");
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    server.close();
                    throw new IOException("redis-server did not start on " + HOST + ":" + port, notYet);
                }
                pause();
            }
        }
    }

    /** A started connection factory with Lettuce's defaults; destroy it before closing the server. */
    LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, port));
        factory.afterPropertiesSet();
        return factory;
    }

    /** Zeroes the server's command counters. */
    void resetStats() {
        try {
            command("CONFIG", "RESETSTAT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code name:value} lines of {@code INFO section}, e.g. {@code commandstats} or {@code stats}. */
    Map<String, String> info(String section) {
        String text;
        try {
            text = command("INFO", section);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /**
     * The commands clients sent while {@code work} ran, by name, read from {@code MONITOR}; those
     * scripts ran inside Redis (marked {@code lua} in the feed) are left out. For short samples:
     * the feed is read only after {@code work}, and Redis buffers it until then.
     */
    Map<String, Integer> clientCommandsDuring(Runnable work) {
        try (Socket socket = new Socket(HOST, port)) {
            socket.setSoTimeout((int) START_TIMEOUT.toMillis());
            socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader feed = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            if (!"+OK".equals(feed.readLine())) {
                throw new IOException("MONITOR refused");
            }
            readUntil(feed, mark("before"));
            work.run();
            return readUntil(feed, mark("after"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an {@code ECHO} whose text marks a place in the feed. */
    private String mark(String place) throws IOException {
        String marker = "wx-benchmark-marker-" + place;
        command("ECHO", marker);
        return marker;
    }

    /** Counts the client commands in the feed up to the line with {@code marker}. */
    private static Map<String, Integer> readUntil(BufferedReader feed, String marker) throws IOException {
        Map<String, Integer> sent = new TreeMap<>();
        String line;
        while ((line = feed.readLine()) != null && !line.contains(marker)) {
            Matcher entry = MONITOR_LINE.matcher(line);
            if (entry.lookingAt() && !entry.group(1).equals("lua")) {
                sent.merge(entry.group(2).toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        if (line == null) {
            throw new IOException("the MONITOR feed ended before " + marker);
        }
        return sent;
    }

    /** Kills the server; it keeps nothing on disk. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Sends one command, answering a simple or bulk string reply. */
    private String command(String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) START_TIMEOUT.toMillis());
            socket.setSoTimeout((int) START_TIMEOUT.toMillis());
            StringBuilder request = new StringBuilder().append('*').append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
            }
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = in.readLine();
            if (first == null || first.startsWith("-")) {
                throw new IOException(String.join(" ", words) + " answered " + first);
            }
            if (first.startsWith("+")) {
                return first.substring(1);
            }
            char[] body = new char[Integer.parseInt(first.substring(1))];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    throw new IOException("the connection closed inside the answer to " + words[0]);
                }
                read += n;
            }
            return new String(body);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }
}
