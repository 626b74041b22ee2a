package io.github.wxsession.redis.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Scripts a store sends without waiting, held until the test runs them: the test decides when a
 * read-only message's release lands, which Lettuce would send at once.
 */
final class HeldReleases implements UnawaitedScripts {

    private final RedisConnectionFactory factory;
    private final List<Runnable> held = new CopyOnWriteArrayList<>();

    HeldReleases(RedisConnectionFactory factory) {
        this.factory = factory;
    }

    /** The scripts sent and not run yet, oldest first; run one to let it land. */
    List<Runnable> held() {
        return held;
    }

    @Override
    public boolean send(LuaScript script, String what, Runnable onFailure, int keyCount, byte[]... keysAndArgs) {
        held.add(() -> {
            try (RedisConnection connection = factory.getConnection()) {
                script.run(connection, keyCount, keysAndArgs);
            }
        });
        return true;
    }

    @Override
    public boolean awaitSent(Duration timeout) {
        return true;
    }
}
