package io.github.wxsession.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One {@code redis-server} process (a server, a cluster node or a sentinel) on a free loopback
 * port, for the test harnesses: started with the arguments its owner gives for the port, ready
 * once it printed its ready line and answers {@code PING}, {@linkplain #kill() killed} with
 * SIGKILL as a crash would be, {@linkplain #restart() restarted} on the same port (with the
 * arguments its owner gives then: a restarted sentinel replica follows the master of the moment),
 * and killed at JVM exit if its owner never did.
 */
final class RedisProcess {

    static final String HOST = "127.0.0.1";
    /** What a server, or a cluster node, prints when it accepts commands. */
    static final String SERVER_READY = "Ready to accept connections";
    /** What a sentinel prints once it watches its master. */
    static final String SENTINEL_READY = "+monitor master";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_LINES_KEPT = 20;

    private final Path binary;
    private final String name;
    private final int port;
    private final IntFunction<List<String>> arguments;
    private final String readyLine;
    // Read without the lock by the JVM-exit reaper.
    private volatile Process process;
    private volatile ServerLog log;

    private RedisProcess(Path binary, String name, int port, IntFunction<List<String>> arguments, String readyLine) {
        this.binary = binary;
        this.name = name;
        this.port = port;
        this.arguments = arguments;
        this.readyLine = readyLine;
    }

    /**
     * Starts {@code redis-server} with {@code arguments.apply(port)} on a free loopback port and
     * returns once it is ready; {@code name} names it in messages and thread names. The arguments
     * are asked for again at each {@link #restart()}.
     */
    static RedisProcess start(String name, IntFunction<List<String>> arguments, String readyLine) throws IOException {
        return start(RedisBinary.path(), name, arguments, readyLine);
    }

    /** {@link #start(String, IntFunction, String)} with another {@code redis-server} binary. */
    static RedisProcess start(Path binary, String name, IntFunction<List<String>> arguments, String readyLine)
            throws IOException {
        IOException lastFailure = null;
        // The free port is found by binding and closing it, so another process can take it before
        // redis-server binds it; a server that cannot bind exits at once, and we try another port.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            RedisProcess redis = new RedisProcess(binary, name, port, arguments, readyLine);
            try {
                redis.launch();
                // A process its owner never stops must not outlive the test JVM: children are not killed with it.
                Runtime.getRuntime().addShutdownHook(new Thread(redis::killAtExit, "redis-reaper-" + port));
                return redis;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    String address() {
        return HOST + ":" + port;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last lines the process (or its last run) printed, to explain what it did. */
    String recentOutput() {
        ServerLog current = log;
        return current == null ? "" : current.tail();
    }

    /** Kills the process with SIGKILL, as a crash would; clients see their connections drop. Idempotent. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + this, e);
        }
        process = null;
    }

    /** Kills the process if running and starts it again on the same port. */
    synchronized void restart() throws IOException {
        kill();
        launch();
    }

    private void killAtExit() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + "[" + address() + "]";
    }

    private synchronized void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments.apply(port));
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        ServerLog log = ServerLog.follow(started.getInputStream(), readyLine, name + "-" + port);
        boolean ready;
        try {
            ready = log.awaitReady(START_TIMEOUT) && started.isAlive() && answersPing();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new IOException("interrupted while starting " + this, e);
        } catch (RuntimeException e) {
            ready = false;
        }
        if (!ready) {
            started.destroyForcibly();
            throw new IOException(this + " did not become ready; its last lines:\n" + log.tail());
        }
        process = started;
        this.log = log;
    }

    private boolean answersPing() {
        return "PONG".equals(Resp.call(address(), "PING"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** Drains the process's output on a daemon thread, noticing readiness and keeping the last lines. */
    private static final class ServerLog {
        private final String readyLine;
        private final CountDownLatch readyOrExited = new CountDownLatch(1);
        private final Deque<String> lastLines = new ArrayDeque<>();
        private volatile boolean ready;

        private ServerLog(String readyLine) {
            this.readyLine = readyLine;
        }

        static ServerLog follow(InputStream output, String readyLine, String threadName) {
            ServerLog log = new ServerLog(readyLine);
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
                    if (!ready && line.contains(readyLine)) {
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
}
