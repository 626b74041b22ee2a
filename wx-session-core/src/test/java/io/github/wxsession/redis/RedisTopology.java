package io.github.wxsession.redis;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** A set of redis-server processes a test runs against: a cluster, or a master watched by sentinels. */
interface RedisTopology extends AutoCloseable {

    /** Waits until every process serves again, after a test failed one over or killed it. */
    void awaitHealthy();

    /** Empties every master. */
    void flushAll();

    /** A started factory connected the way an application would be. */
    LettuceConnectionFactory newConnectionFactory();

    /** Stops every process by pid. */
    @Override
    void close();
}
