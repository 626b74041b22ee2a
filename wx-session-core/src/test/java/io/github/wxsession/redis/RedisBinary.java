package io.github.wxsession.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code redis-server} binary for tests, located once per JVM: the one on the {@code PATH},
 * else the static Linux/macOS build shipped in the {@code org.signal:embedded-redis} test
 * dependency, so a build needs only a JDK and Maven. The same binary runs cluster nodes and
 * sentinels ({@code --sentinel}). Which one is used is printed once.
 */
public final class RedisBinary {

    /** The server inside org.signal:embedded-redis 0.9.1, by platform suffix. */
    private static final String SHIPPED_PREFIX = "redis-server-7.0.15-";

    private static Path located;
    private static String missing;

    private RedisBinary() {
    }

    /** The binary; throws, saying what to install, if there is none. */
    static synchronized Path path() {
        if (located == null && missing == null) {
            try {
                located = locate();
            } catch (IllegalStateException | UncheckedIOException e) {
                missing = e.getMessage();
            }
        }
        if (located == null) {
            throw new IllegalStateException(missing);
        }
        return located;
    }

    /**
     * The oldest {@code redis-server} the store is tested on (6.0.5, unpacked by the build from
     * {@code org.signal:embedded-redis:0.8.1}; Linux x86-64 only): where it is missing, the test
     * using it is skipped, saying so.
     */
    public static Path oldest() {
        String unpacked = System.getProperty("wx.redis.oldest");
        Path binary = unpacked == null ? null : Path.of(unpacked);
        Assumptions.assumeTrue(binary != null && Files.isRegularFile(binary),
                () -> "no oldest redis-server at " + unpacked + " (unpacked by Maven, Linux x86-64 only)");
        Assumptions.assumeTrue(platform().equals("linux-amd64"), "the 6.0.5 build is for Linux x86-64");
        if (!Files.isExecutable(binary) && !binary.toFile().setExecutable(true, true)) {
            throw new IllegalStateException("could not make " + binary + " executable");
        }
        return binary;
    }

    /** Why there is no binary, or {@code null} if there is one: for tests that skip rather than fail. */
    static synchronized String unavailableReason() {
        try {
            path();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

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
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
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
