package io.github.wxsession.redis.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * <p>
 * Scripts loaded {@link #together} share one body, so a Redis node knows either all of them or
 * none: see there why.
 */
final class LuaScript {

    private final String name;
    private final String sha1;
    private final byte[] source;
    private final ReturnType returnType;
    /** The first argument that picks this script in a body shared {@link #together}; {@code null} if alone. */
    private final byte[] entry;

    private LuaScript(String name, RedisScript<?> script, ReturnType returnType, byte[] entry) {
        this.name = name;
        this.sha1 = script.getSha1();
        this.source = script.getScriptAsString().getBytes(StandardCharsets.UTF_8);
        this.returnType = returnType;
        this.entry = entry;
    }

    /** The script {@code <name>.lua} next to this class, read now so a missing one fails at startup. */
    static LuaScript load(String name, ReturnType returnType) {
        RedisScript<?> script = RedisScript.of(new ClassPathResource(name + ".lua", LuaScript.class));
        return new LuaScript(name, script, returnType, null);
    }

    /**
     * The scripts {@code <name>.lua} as one body that Redis caches, and forgets, as a whole; each
     * is entered by an extra first argument, which the body removes before the script sees its
     * arguments. The returned scripts are in the order of {@code names}.
     * <p>
     * Why: a script sent without waiting for its answer (a delivery's End) that meets
     * {@code NOSCRIPT} is sent again whole, later. Were its body separate, the same instance's next
     * script on that node (the message's next Begin), sent meanwhile and already cached there,
     * would run first and find the message still in progress. With one body, Begin meets
     * {@code NOSCRIPT} too, and its own retry queues behind End's on the connection.
     */
    static List<LuaScript> together(String[] names, ReturnType[] returnTypes) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String text = RedisScript.of(new ClassPathResource(names[i] + ".lua", LuaScript.class)).getScriptAsString();
            body.append("local function script").append(i).append("()\n").append(text).append("\nend\n");
        }
        body.append("local entry = table.remove(ARGV, 1)\n");
        for (int i = 1; i < names.length; i++) {
            body.append("if entry == '").append(i).append("' then return script").append(i).append("() end\n");
        }
        body.append("return script0()\n");
        RedisScript<?> script = RedisScript.of(body.toString());
        List<LuaScript> scripts = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            scripts.add(new LuaScript(names[i], script, returnTypes[i], new byte[] {(byte) ('0' + i)}));
        }
        return scripts;
    }

    /** Runs the script; the first {@code keyCount} of {@code keysAndArgs} are its keys. */
    <T> T run(RedisConnection connection, int keyCount, byte[]... keysAndArgs) {
        RedisScriptingCommands scripting = connection.scriptingCommands();
        byte[][] sent = withEntry(keyCount, keysAndArgs);
        try {
            return scripting.evalSha(sha1, returnType, keyCount, sent);
        } catch (DataAccessException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return scripting.eval(source, returnType, keyCount, sent);
        }
    }

    /**
     * Sends the script whole ({@code EVAL}), for a pipeline, where a {@code NOSCRIPT} would come
     * back too late to resend; Redis hashes and caches it as it would a known one.
     */
    void send(RedisConnection connection, int keyCount, byte[]... keysAndArgs) {
        connection.scriptingCommands().eval(source, returnType, keyCount, withEntry(keyCount, keysAndArgs));
    }

    /** {@code keysAndArgs} as Redis gets them: with the entry argument first after the keys, if any. */
    byte[][] withEntry(int keyCount, byte[][] keysAndArgs) {
        if (entry == null) {
            return keysAndArgs;
        }
        byte[][] sent = new byte[keysAndArgs.length + 1][];
        System.arraycopy(keysAndArgs, 0, sent, 0, keyCount);
        sent[keyCount] = entry;
        System.arraycopy(keysAndArgs, keyCount, sent, keyCount + 1, keysAndArgs.length - keyCount);
        return sent;
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
