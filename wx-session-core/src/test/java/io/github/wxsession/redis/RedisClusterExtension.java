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
 * One {@link RedisClusterProcess} per test class, healthy and emptied before each test; the
 * connection factories a test asks for are destroyed after it. The class is skipped, saying why,
 * when there is no {@code redis-server} to run; {@code @Nested} classes share the outer class's.
 * Register it in a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final RedisClusterExtension CLUSTER = new RedisClusterExtension();
 * </pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final RedisClusterProcess.Builder shape;
    private RedisClusterProcess cluster;
    private final List<LettuceConnectionFactory> testFactories = new ArrayList<>();
    /** {@code @Nested} classes inherit the extension: only the outermost class starts and stops the processes. */
    private int depth;

    /** Three masters with one replica each. */
    public RedisClusterExtension() {
        this(UnaryOperator.identity());
    }

    public RedisClusterExtension(UnaryOperator<RedisClusterProcess.Builder> shape) {
        this.shape = shape.apply(RedisClusterProcess.builder());
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
        cluster = shape.start();
        System.out.printf("%s: %s formed in %d ms%n", context.getDisplayName(), cluster,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // A test before may have failed over or killed a node: the next one starts from a working cluster.
        cluster.awaitHealthy();
        cluster.flushAll();
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
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The running cluster. */
    public RedisClusterProcess cluster() {
        return cluster;
    }

    /**
     * A new factory connected to the cluster,
     * {@link RedisClusterProcess#newConnectionFactory()}, destroyed after the test.
     */
    public synchronized LettuceConnectionFactory newConnectionFactory() {
        LettuceConnectionFactory factory = cluster.newConnectionFactory();
        testFactories.add(factory);
        return factory;
    }
}
