package io.github.wxsession.redis.session;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Sends a script without waiting for its answer, on the application's shared Lettuce connection:
 * the command is written to the socket and the caller goes on. Lettuce multiplexes every
 * thread's commands on that one connection, so these ride along with the others at no cost of
 * threads or queues. Only for a factory that shares its native connection: a dedicated connection
 * would be closed, and the command lost, as soon as the caller let go of it.
 * <p>
 * Loaded only when Lettuce is on the classpath ({@link #supports}); with another driver the
 * scripts are sent the usual way, and the caller waits.
 */
final class LettuceReleases implements UnawaitedScripts {

    private static final System.Logger LOG = System.getLogger(LettuceReleases.class.getName());

    private final RedisConnectionFactory factory;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object settled = new Object();

    private LettuceReleases(RedisConnectionFactory factory) {
        this.factory = factory;
    }

    /** The sender for {@code factory}, or {@code null} if it is not Lettuce with a shared connection. */
    static @Nullable LettuceReleases forFactory(RedisConnectionFactory factory) {
        return factory instanceof LettuceConnectionFactory lettuce && lettuce.getShareNativeConnection()
                ? new LettuceReleases(factory) : null;
    }

    /** {@inheritDoc} Not sent if the connection in hand turned out not to be Lettuce's async one. */
    @Override
    public boolean send(LuaScript script, String what, Runnable onFailure, int keyCount, byte[]... keysAndArgs) {
        byte[][] withEntry = script.withEntry(keyCount, keysAndArgs);
        byte[][] keys = Arrays.copyOfRange(withEntry, 0, keyCount);
        byte[][] args = Arrays.copyOfRange(withEntry, keyCount, withEntry.length);
        CompletionStage<Object> sent;
        try (RedisConnection connection = factory.getConnection()) {
            if (!(connection.getNativeConnection() instanceof RedisScriptingAsyncCommands<?, ?> any)) {
                return false;
            }
            @SuppressWarnings("unchecked")
            RedisScriptingAsyncCommands<byte[], byte[]> commands = (RedisScriptingAsyncCommands<byte[], byte[]>) any;
            inFlight.incrementAndGet();
            sent = commands.<Object>evalsha(script.sha1(), ScriptOutputType.INTEGER, keys, args)
                    .handle((Object ok, Throwable failure) -> retryUnknownScript(commands, script, keys, args, ok, failure))
                    .thenCompose(next -> next);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, () -> "could not send " + what + " after the reply; sent again once Redis"
                        + " answers, or the lock and the message's record free themselves within the lock lease",
                        failure);
                onFailure.run();
            } else if (Long.valueOf(SessionCommands.FENCED).equals(ok)) {
                LOG.log(Level.WARNING, () -> what + " found its lease run out: another delivery holds the message now,"
                        + " and the reply sent was not cached");
            }
            if (inFlight.decrementAndGet() == 0) {
                synchronized (settled) {
                    settled.notifyAll();
                }
            }
        });
        return true;
    }

    /** The answer as is, or the script sent whole when Redis did not know it yet (e.g. after a restart). */
    private static CompletionStage<Object> retryUnknownScript(RedisScriptingAsyncCommands<byte[], byte[]> commands,
            LuaScript script, byte[][] keys, byte[][] args, Object ok, Throwable failure) {
        if (failure == null) {
            return CompletableFuture.completedFuture(ok);
        }
        if (LuaScript.isNoScript(failure)) {
            return commands.eval(script.source(), ScriptOutputType.INTEGER, keys, args);
        }
        return CompletableFuture.failedFuture(failure);
    }

    @Override
    public boolean awaitSent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settled) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(settled, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
