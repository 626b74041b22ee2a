package io.github.wxsession.redis;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One {@link RedisServerProcess} and one connection factory per test class (shared with its
 * {@code @Nested} classes), emptied before each test. Register it in a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 * </pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    /** {@code @Nested} classes inherit the extension: only the outermost class starts and stops the server. */
    private int depth;
    private final Supplier<Path> binary;
    private RedisServerProcess server;
    private LettuceConnectionFactory connectionFactory;
    private StringRedisTemplate template;

    /** On the {@linkplain RedisBinary#path() usual} {@code redis-server}. */
    public RedisServerExtension() {
        this(RedisBinary::path);
    }

    /** On another {@code redis-server}, e.g. {@link RedisBinary#oldest()}. */
    public RedisServerExtension(Supplier<Path> binary) {
        this.binary = binary;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (depth++ > 0) {
            return;
        }
        server = RedisServerProcess.start(binary.get());
        connectionFactory = server.newConnectionFactory();
        template = new StringRedisTemplate(connectionFactory);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        template.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        connectionFactory.destroy();
        server.close();
    }

    /** The running server, e.g. to {@linkplain RedisServerProcess#stop() stop} it. */
    public RedisServerProcess server() {
        return server;
    }

    /** A factory connected to the server; destroyed after the class. */
    public LettuceConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** A template on {@link #connectionFactory()}, to look at or plant keys by hand. */
    public StringRedisTemplate template() {
        return template;
    }
}
