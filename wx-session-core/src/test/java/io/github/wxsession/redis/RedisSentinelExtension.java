package io.github.wxsession.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One {@link RedisSentinelProcess} (master, replica, three sentinels) per test class, healthy and
 * emptied before each test; the connection factories a test asks for are destroyed after it. The
 * class is skipped, saying why, when there is no {@code redis-server} to run; {@code @Nested}
 * classes share the outer class's. Register it in a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();
 * </pre>
 */
public final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final RedisSentinelProcess.Builder shape;
    private RedisSentinelProcess sentinel;
    private final List<LettuceConnectionFactory> testFactories = new ArrayList<>();
    /** {@code @Nested} classes inherit the extension: only the outermost class starts and stops the processes. */
    private int depth;

    /** A master, one replica, three sentinels. */
    public RedisSentinelExtension() {
        this(UnaryOperator.identity());
    }

    public RedisSentinelExtension(UnaryOperator<RedisSentinelProcess.Builder> shape) {
        this.shape = shape.apply(RedisSentinelProcess.builder());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (depth++ > 0) {
            return;
        }
        String missing = RedisBinary.unavailableReason();
        if (missing != null) {
            System.out.println(context.getDisplayName() + " skipped: " + missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
        long start = System.nanoTime();
        sentinel = shape.start();
        System.out.printf("%s: %s started in %d ms%n", context.getDisplayName(), sentinel,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // A test before may have failed over or killed the master: the next one starts from a working set.
        sentinel.awaitHealthy();
        sentinel.flushAll();
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        testFactories.forEach(LettuceConnectionFactory::destroy);
        testFactories.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        if (sentinel != null) {
            sentinel.close();
        }
    }

    /** The running set. */
    public RedisSentinelProcess sentinel() {
        return sentinel;
    }

    /**
     * A new factory connected through the sentinels, {@link RedisSentinelProcess#newConnectionFactory()},
     * destroyed after the test.
     */
    public synchronized LettuceConnectionFactory newConnectionFactory() {
        LettuceConnectionFactory factory = sentinel.newConnectionFactory();
        testFactories.add(factory);
        return factory;
    }
}
