package io.github.wxsession.boot.emulator;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The emulator's page, which {@link EmulatorController} reads from the class path beside it, for
 * a native image, which keeps only the resources it is told about. The page is self-contained
 * (inline style and script), so it is the only one.
 */
final class EmulatorRuntimeHints implements RuntimeHintsRegistrar {

    static final String PAGE = EmulatorController.class.getPackageName().replace('.', '/') + "/"
            + EmulatorController.PAGE_RESOURCE;

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(PAGE);
    }
}
