package io.github.wxsession.boot.aot;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The starter's own reflection: the attributes of {@link WxHandler} and {@link WxSessionAttribute},
 * which Spring's merged-annotation support reads through their methods. The methods the annotations
 * sit on are the application's, registered by {@link WxHandlerAotProcessor}.
 */
final class WxRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.reflection().registerType(WxHandler.class, MemberCategory.INVOKE_DECLARED_METHODS);
        hints.reflection().registerType(WxSessionAttribute.class, MemberCategory.INVOKE_DECLARED_METHODS);
    }
}
