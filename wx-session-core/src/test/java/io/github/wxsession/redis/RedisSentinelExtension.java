package io.github.wxsession.redis;

import java.util.function.UnaryOperator;

/**
 * One {@link RedisSentinelProcess} (master, replica, three sentinels) per test class (see
 * {@link RedisTopologyExtension}). Register it in a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();
 * </pre>
 */
public final class RedisSentinelExtension extends RedisTopologyExtension<RedisSentinelProcess> {

    /** A master, one replica, three sentinels. */
    public RedisSentinelExtension() {
        this(UnaryOperator.identity());
    }

    public RedisSentinelExtension(UnaryOperator<RedisSentinelProcess.Builder> shape) {
        super(shape.apply(RedisSentinelProcess.builder())::start);
    }

    /** The running set. */
    public RedisSentinelProcess sentinel() {
        return topology();
    }
}
