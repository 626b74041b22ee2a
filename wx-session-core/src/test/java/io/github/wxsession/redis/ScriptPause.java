package io.github.wxsession.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisScriptingCommands;

/**
 * A connection factory that holds the first script call matching a predicate until released: an
 * instance paused (a GC pause, a slow network) between two of its round trips, at a chosen point,
 * so that a test can interleave another instance there exactly. Everything else goes straight to
 * the real Redis.
 */
public final class ScriptPause {

    private final RedisConnectionFactory target;
    private final Predicate<String[]> match;
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** @param match sees a script call's keys and arguments, as text */
    public ScriptPause(RedisConnectionFactory target, Predicate<String[]> match) {
        this.target = target;
        this.match = match;
    }

    /** A script call's keys and arguments, as text, holding {@code key} first and {@code arg} among the rest. */
    public static Predicate<String[]> callOn(String key, String arg) {
        return sent -> sent.length > 0 && sent[0].equals(key) && Arrays.asList(sent).subList(1, sent.length)
                .contains(arg);
    }

    public RedisConnectionFactory factory() {
        return proxy(RedisConnectionFactory.class, target, (method, result) ->
                method.getName().equals("getConnection") ? connection((RedisConnection) result) : result);
    }

    public void awaitReached() throws InterruptedException {
        assertThat(reached.await(10, TimeUnit.SECONDS)).as("the paused call was reached").isTrue();
    }

    public void release() {
        released.countDown();
    }

    private RedisConnection connection(RedisConnection connection) {
        return proxy(RedisConnection.class, connection, (method, result) ->
                method.getName().equals("scriptingCommands") ? scripting((RedisScriptingCommands) result) : result);
    }

    private RedisScriptingCommands scripting(RedisScriptingCommands scripting) {
        return (RedisScriptingCommands) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisScriptingCommands.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("eval") && args != null && args[args.length - 1] instanceof byte[][] sent
                            && match.test(text(sent)) && armed.compareAndSet(true, false)) {
                        reached.countDown();
                        released.await();
                    }
                    return invoke(method, scripting, args);
                });
    }

    private static String[] text(byte[][] sent) {
        String[] text = new String[sent.length];
        for (int i = 0; i < sent.length; i++) {
            text[i] = new String(sent[i], StandardCharsets.UTF_8);
        }
        return text;
    }

    private interface Wrap {
        Object apply(Method method, Object result);
    }

    private <T> T proxy(Class<T> type, T target, Wrap wrap) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> wrap.apply(method, invoke(method, target, args))));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
