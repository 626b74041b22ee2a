package io.github.wxsession.redis.session;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The Lua scripts {@link LuaScript} reads from the class path beside it, for a native image, which
 * keeps only the resources it is told about. Listed in {@code META-INF/spring/aot.factories}, so
 * Spring AOT applies it to any application that has this module, Redis store or not: the scripts
 * are small, and the choice of store is made by a property that may differ at run time.
 */
final class LuaScriptRuntimeHints implements RuntimeHintsRegistrar {

    static final String SCRIPTS = LuaScript.class.getPackageName().replace('.', '/') + "/*.lua";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(SCRIPTS);
    }
}
