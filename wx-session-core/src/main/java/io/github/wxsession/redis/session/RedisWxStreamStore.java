package io.github.wxsession.redis.session;

import io.github.wxsession.aibot.WxStreamState;
import io.github.wxsession.aibot.WxStreamStore;
import io.github.wxsession.redis.RedisCalls;
import io.github.wxsession.redis.RedisNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The AI bot's streams in Redis, so that a refresh on one instance sees what a handler wrote on
 * another: one string per stream, {@code <namespace>:{<account>:<stream id>}:st}, holding a flag
 * byte ({@code 1} finished, {@code 0} not) and the UTF-8 content, with the stream's time to live.
 *
 * <p>A save is one {@code SET … PX}; a read runs as a script so that it is served by the master,
 * whatever {@code read-from} the application set, and a refresh never sees a replica's older
 * state. Each save carries the whole content (a stream's content is cumulative), so a write lost
 * in a failover is made good by the stream's next one; only a lost last write, its finish, leaves
 * WeCom polling until its window ends.
 */
public final class RedisWxStreamStore implements WxStreamStore {

    private static final LuaScript READ = LuaScript.load("read-on-master", ReturnType.MULTI);
    private static final byte[] GET = {'G', 'E', 'T'};
    private static final byte FINISHED = '1';
    private static final byte OPEN = '0';

    private final RedisConnectionFactory factory;
    private final RedisNamespace namespace;

    /** Streams under the default namespace, {@code wx}. */
    public RedisWxStreamStore(RedisConnectionFactory factory) {
        this(factory, RedisNamespace.DEFAULT);
    }

    /** Streams under {@code namespace}, the sessions' own (e.g. {@code wx.redis.namespace}). */
    public RedisWxStreamStore(RedisConnectionFactory factory, String namespace) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.namespace = new RedisNamespace(namespace);
    }

    @Override
    public void save(String account, WxStreamState state, Duration ttl) {
        byte[] key = key(account, state.id());
        byte[] content = state.content().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[content.length + 1];
        value[0] = state.finished() ? FINISHED : OPEN;
        System.arraycopy(content, 0, value, 1, content.length);
        long millis = Math.max(1, ttl.toMillis());
        RedisCalls.call("saving", "stream " + state.id(), () -> {
            try (RedisConnection connection = factory.getConnection()) {
                return connection.stringCommands().set(key, value, Expiration.milliseconds(millis), SetOption.upsert());
            }
        });
    }

    @Override
    public @Nullable WxStreamState find(String account, String streamId) {
        byte[] key = key(account, streamId);
        List<?> reply = RedisCalls.call("reading", "stream " + streamId, () -> {
            try (RedisConnection connection = factory.getConnection()) {
                return READ.<List<?>>run(connection, 1, key, GET);
            }
        });
        Object value = reply == null || reply.isEmpty() ? null : reply.get(0);
        if (!(value instanceof byte[] bytes) || bytes.length == 0 || (bytes[0] != FINISHED && bytes[0] != OPEN)) {
            return null;
        }
        return new WxStreamState(streamId, new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8),
                bytes[0] == FINISHED);
    }

    /** Tagged with the account and the stream, like a session's keys, so a busy bot's streams spread over a cluster. */
    private byte[] key(String account, String streamId) {
        // accountKey checks the account for braces; the stream joins it inside the tag.
        namespace.accountKey(account, "");
        if (streamId.indexOf('{') >= 0 || streamId.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a stream id must not contain braces, was \"" + streamId + "\"");
        }
        return (namespace.prefix() + ":{" + account + ":" + streamId + "}:st").getBytes(StandardCharsets.UTF_8);
    }
}
