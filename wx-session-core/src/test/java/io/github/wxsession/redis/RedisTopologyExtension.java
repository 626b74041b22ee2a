package io.github.wxsession.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One {@link RedisTopology} per test class, healthy and emptied before each test; the connection
 * factories a test asks for are destroyed after it. The class is skipped, saying why, when there is
 * no {@code redis-server} to run; {@code @Nested} classes share the outer class's.
 */
abstract class RedisTopologyExtension<T extends RedisTopology>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Callable<T> starter;
    private final List<LettuceConnectionFactory> testFactories = new ArrayList<>();
    private T topology;
    /** {@code @Nested} classes inherit the extension: only the outermost class starts and stops the processes. */
    private int depth;

    RedisTopologyExtension(Callable<T> starter) {
        this.starter = starter;
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
        topology = starter.call();
        System.out.printf("%s: %s started in %d ms%n", context.getDisplayName(), topology,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // A test before may have failed over or killed a node: the next one starts from a working set.
        topology.awaitHealthy();
        topology.flushAll();
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
        if (topology != null) {
            topology.close();
        }
    }

    T topology() {
        return topology;
    }

    /** A new factory connected to the processes, destroyed after the test. */
    public synchronized LettuceConnectionFactory newConnectionFactory() {
        LettuceConnectionFactory factory = topology.newConnectionFactory();
        testFactories.add(factory);
        return factory;
    }
}
