package io.github.wxsession.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real {@code redis-server} on a free loopback port for tests: no persistence (so a
 * {@linkplain #restart() restart} starts empty), its own temporary directory, and a
 * {@linkplain #stop() kill} that looks like a crash to clients.
 * <p>
 * The binary is {@code redis-server} from the {@code PATH}, else the static Linux/macOS build
 * shipped in the {@code org.signal:embedded-redis} test dependency ({@link RedisBinary}), so a
 * build needs only a JDK and Maven. Which one is used is printed once per JVM.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** Commands of {@link #newConnectionFactory()} fail after this long when Redis is gone. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final Path dir;
    private final RedisProcess process;

    private RedisServerProcess(Path dir, RedisProcess process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts a server on a free loopback port and returns once it answers {@code PING}. */
    public static RedisServerProcess start() throws IOException {
        return start(RedisBinary.path());
    }

    /** {@link #start()} with another {@code redis-server} binary, e.g. {@link RedisBinary#oldest()}. */
    public static RedisServerProcess start(Path binary) throws IOException {
        Path dir = Files.createTempDirectory("wx-redis-");
        try {
            return new RedisServerProcess(dir, RedisProcess.start(binary, "redis-server", port -> List.of(
                    "--port", Integer.toString(port), "--bind", RedisProcess.HOST,
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"),
                    RedisProcess.SERVER_READY));
        } catch (IOException | RuntimeException e) {
            RedisProcess.deleteRecursively(dir);
            throw e;
        }
    }

    /** The loopback address the server listens on. */
    public String host() {
        return RedisProcess.HOST;
    }

    /** The port the server listens on, the same across {@link #restart()}. */
    public int port() {
        return process.port();
    }

    /** Kills the server with SIGKILL, as a crash would; clients see their connections drop. */
    public void stop() {
        process.kill();
    }

    /** Stops the server if running and starts a new, empty one on the same port. */
    public void restart() throws IOException {
        process.restart();
    }

    /**
     * A started connection factory for this server whose commands time out after
     * {@link #COMMAND_TIMEOUT} and which reconnects every 50 ms after a {@link #restart()}.
     * Call {@link LettuceConnectionFactory#destroy()} when done.
     */
    public LettuceConnectionFactory newConnectionFactory() {
        // Lettuce's default reconnect backoff grows to 30 s; a short constant delay makes a test
        // command issued right after a restart find the connection back within its timeout.
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
                .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .clientResources(resources)
                .commandTimeout(COMMAND_TIMEOUT)
                .shutdownTimeout(Duration.ZERO)
                .build();
        LettuceConnectionFactory factory = new OwningConnectionFactory(
                new RedisStandaloneConfiguration(RedisProcess.HOST, port()), client, resources);
        factory.afterPropertiesSet();
        return factory;
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        RedisProcess.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "redis-server[" + RedisProcess.HOST + ":" + port() + "]";
    }

    /** A factory that shuts down the client resources it was given when it is destroyed. */
    private static final class OwningConnectionFactory extends LettuceConnectionFactory {
        private final ClientResources resources;

        OwningConnectionFactory(RedisStandaloneConfiguration server, LettuceClientConfiguration client,
                ClientResources resources) {
            super(server, client);
            this.resources = resources;
        }

        @Override
        public void destroy() {
            super.destroy();
            resources.shutdown();
        }
    }
}
