package io.github.wxsession.redis;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One Lua script of this package, run by its SHA1 ({@code EVALSHA}) with byte arrays as keys and
 * arguments; sent whole ({@code EVAL}, which also caches it in Redis) only when Redis answers that
 * it does not know the script yet, e.g. after a restart.
 * <p>
 * The script's text and SHA1 come from a {@link RedisScript}; it runs directly on a connection
 * rather than through {@code RedisTemplate}, which would wrap every call's connection in a proxy
 * and convert the arguments through serializers we do not need.
 */
final class LuaScript {

    private final String name;
    private final String sha1;
    private final byte[] source;
    private final ReturnType returnType;

    private LuaScript(String name, RedisScript<?> script, ReturnType returnType) {
        this.name = name;
        this.sha1 = script.getSha1();
        this.source = script.getScriptAsString().getBytes(StandardCharsets.UTF_8);
        this.returnType = returnType;
    }

    /** The script {@code <name>.lua} next to this class, read now so a missing one fails at startup. */
    static LuaScript load(String name, ReturnType returnType) {
        RedisScript<?> script = RedisScript.of(new ClassPathResource(name + ".lua", LuaScript.class));
        return new LuaScript(name, script, returnType);
    }

    /** Runs the script; the first {@code keyCount} of {@code keysAndArgs} are its keys. */
    <T> T run(RedisConnection connection, int keyCount, byte[]... keysAndArgs) {
        RedisScriptingCommands scripting = connection.scriptingCommands();
        try {
            return scripting.evalSha(sha1, returnType, keyCount, keysAndArgs);
        } catch (DataAccessException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return scripting.eval(source, returnType, keyCount, keysAndArgs);
        }
    }

    String sha1() {
        return sha1;
    }

    byte[] source() {
        return source;
    }

    /** Whether Redis answered that it does not know the script (it restarted, or never saw it). */
    static boolean isNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + ".lua (" + sha1 + ")";
    }
}
