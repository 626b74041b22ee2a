package io.github.wxsession.redis;

import java.util.function.UnaryOperator;

/**
 * One {@link RedisClusterProcess} per test class (see {@link RedisTopologyExtension}). Register it
 * in a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final RedisClusterExtension CLUSTER = new RedisClusterExtension();
 * </pre>
 */
public final class RedisClusterExtension extends RedisTopologyExtension<RedisClusterProcess> {

    /** Three masters with one replica each. */
    public RedisClusterExtension() {
        this(UnaryOperator.identity());
    }

    public RedisClusterExtension(UnaryOperator<RedisClusterProcess.Builder> shape) {
        super(shape.apply(RedisClusterProcess.builder())::start);
    }

    /** The running cluster. */
    public RedisClusterProcess cluster() {
        return topology();
    }
}
