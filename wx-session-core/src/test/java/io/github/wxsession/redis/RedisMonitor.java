package io.github.wxsession.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads Redis's {@code MONITOR} feed, to count the commands clients sent: the round trips, since
 * nothing measured here pipelines. Commands a Lua script runs inside Redis appear in the feed
 * marked {@code [0 lua]} and are left out.
 */
public final class RedisMonitor implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final BufferedReader feed;
    private final StringRedisTemplate redis;
    private int markers;

    private RedisMonitor(Socket socket, StringRedisTemplate redis) throws IOException {
        this.socket = socket;
        this.redis = redis;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        this.feed = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String answer = feed.readLine();
        if (!"+OK".equals(answer)) {
            throw new IOException("MONITOR answered " + answer);
        }
    }

    /** Watches {@code server}; {@code redis} sends the markers that delimit a measurement. */
    public static RedisMonitor watch(RedisServerProcess server, StringRedisTemplate redis) {
        try {
            return new RedisMonitor(new Socket(server.host(), server.port()), redis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the commands clients sent while {@code work} ran, in order. */
    public List<String> commandsDuring(Runnable work) {
        readUntil(mark());
        work.run();
        return readUntil(mark());
    }

    private String mark() {
        String marker = "monitor-marker-" + ++markers;
        redis.execute((RedisCallback<byte[]>) connection -> connection.echo(marker.getBytes(StandardCharsets.UTF_8)));
        return marker;
    }

    /** The commands in the feed before the marker; a line reads {@code +<time> [0 <client>] "name" "arg"...}. */
    private List<String> readUntil(String marker) {
        List<String> sent = new ArrayList<>();
        try {
            for (String line = feed.readLine(); line != null; line = feed.readLine()) {
                if (line.contains(marker)) {
                    return sent;
                }
                int close = line.indexOf(']');
                if (close > 0 && !line.substring(0, close).endsWith(" lua")) {
                    int quote = line.indexOf('"', close);
                    sent.add(line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the MONITOR feed ended before " + marker);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
