package io.github.wxsession.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real {@code redis-server} on a free loopback port for tests: no persistence (so a
 * {@linkplain #restart() restart} starts empty), its own temporary directory, and a
 * {@linkplain #stop() kill} that looks like a crash to clients.
 * <p>
 * The binary is {@code redis-server} from the {@code PATH}, else the static Linux/macOS build
 * shipped in the {@code org.signal:embedded-redis} test dependency, so a build needs only a JDK
 * and Maven. Which one is used is printed once per JVM.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** Commands of {@link #newConnectionFactory()} fail after this long when Redis is gone. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_LINES_KEPT = 20;

    private final Path dir;
    private final int port;
    // Read without the lock by the JVM-exit reaper.
    private volatile Process process;

    private RedisServerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server on a free loopback port and returns once it answers {@code PING}. */
    public static RedisServerProcess start() throws IOException {
        Path dir = Files.createTempDirectory("wx-redis-");
        IOException lastFailure = null;
        // The free port is found by binding and closing it, so another process can take it before
        // redis-server binds it; a server that cannot bind exits at once, and we try another port.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServerProcess server = new RedisServerProcess(dir, freePort());
            try {
                server.launch();
                // A server a test class never closes (one shared by a cached Spring context, say)
                // must not outlive the test JVM: child processes are not killed with it.
                Runtime.getRuntime().addShutdownHook(new Thread(server::killAtExit, "redis-server-reaper-" + server.port));
                return server;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        deleteRecursively(dir);
        throw lastFailure;
    }

    /** The loopback address the server listens on. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on, the same across {@link #restart()}. */
    public int port() {
        return port;
    }

    /** Kills the server with SIGKILL, as a crash would; clients see their connections drop. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing redis-server", e);
        }
        process = null;
    }

    private void killAtExit() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /** Stops the server if running and starts a new, empty one on the same port. */
    public synchronized void restart() throws IOException {
        stop();
        launch();
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
                new RedisStandaloneConfiguration(HOST, port), client, resources);
        factory.afterPropertiesSet();
        return factory;
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "redis-server[" + HOST + ":" + port + "]";
    }

    private synchronized void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Binary.PATH.toString(),
                "--port", Integer.toString(port), "--bind", HOST,
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true);
        Process started = builder.start();
        ServerLog startedLog = ServerLog.follow(started.getInputStream(), "redis-server-" + port);
        boolean ready;
        try {
            ready = startedLog.awaitReady(START_TIMEOUT) && started.isAlive() && answersPing();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new IOException("interrupted while starting redis-server", e);
        }
        if (!ready) {
            started.destroyForcibly();
            throw new IOException("redis-server did not become ready on port " + port + "; its last lines:\n"
                    + startedLog.tail());
        }
        process = started;
    }

    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) START_TIMEOUT.toMillis());
            socket.setSoTimeout((int) START_TIMEOUT.toMillis());
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
            return "+PONG\r\n".equals(new String(answer, 0, read, StandardCharsets.US_ASCII));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** Drains the server's output on a daemon thread, noticing readiness and keeping the last lines. */
    private static final class ServerLog {
        private static final String READY_LINE = "Ready to accept connections";

        private final CountDownLatch readyOrExited = new CountDownLatch(1);
        private final Deque<String> lastLines = new ArrayDeque<>();
        private volatile boolean ready;

        static ServerLog follow(InputStream output, String threadName) {
            ServerLog log = new ServerLog();
            Thread reader = new Thread(() -> log.drain(output), threadName);
            reader.setDaemon(true);
            reader.start();
            return log;
        }

        boolean awaitReady(Duration timeout) throws InterruptedException {
            return readyOrExited.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && ready;
        }

        synchronized String tail() {
            return String.join("\n", lastLines);
        }

        private void drain(InputStream output) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    remember(line);
                    if (!ready && line.contains(READY_LINE)) {
                        ready = true;
                        readyOrExited.countDown();
                    }
                }
            } catch (IOException e) {
                remember("(output unreadable: " + e + ")");
            } finally {
                readyOrExited.countDown();
            }
        }

        private synchronized void remember(String line) {
            if (lastLines.size() == LOG_LINES_KEPT) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
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

    /** The redis-server binary, located once per JVM. */
    private static final class Binary {
        /** The server inside org.signal:embedded-redis 0.9.1, by platform suffix. */
        private static final String SHIPPED_PREFIX = "redis-server-7.0.15-";

        static final Path PATH = locate();

        private static Path locate() {
            Path onPath = fromPath();
            if (onPath != null) {
                System.out.println("RedisServerProcess: using " + onPath + " from the PATH");
                return onPath;
            }
            String resource = SHIPPED_PREFIX + platform();
            Path extracted = extract(resource);
            System.out.println("RedisServerProcess: no redis-server on the PATH; using " + resource
                    + " from org.signal:embedded-redis, extracted to " + extracted);
            return extracted;
        }

        private static Path fromPath() {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
            return null;
        }

        private static String platform() {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            String osPart = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
            String archPart = switch (arch) {
                case "amd64", "x86_64" -> "amd64";
                case "aarch64", "arm64" -> "arm64";
                default -> null;
            };
            if (osPart == null || archPart == null) {
                throw new IllegalStateException("no redis-server on the PATH and none shipped for " + os + "/" + arch
                        + ": install Redis (e.g. apt-get install redis-server)");
            }
            return osPart + "-" + archPart;
        }

        private static Path extract(String resource) {
            try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no redis-server on the PATH and " + resource + " is not on the"
                            + " test classpath: install Redis or add org.signal:embedded-redis:0.9.1 (test scope)");
                }
                Path dir = Files.createTempDirectory("wx-redis-bin-");
                // Deleted on exit in reverse order of registration: the file first, then its directory.
                dir.toFile().deleteOnExit();
                Path binary = dir.resolve("redis-server");
                binary.toFile().deleteOnExit();
                Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
                if (!binary.toFile().setExecutable(true, true)) {
                    throw new IllegalStateException("could not make " + binary + " executable");
                }
                return binary;
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract " + resource, e);
            }
        }
    }
}
