package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The emulator's page is a resource a native image keeps. */
class EmulatorRuntimeHintsTest {

    @Test
    void thePageBesideTheControllerIsARegisteredResource() {
        RuntimeHints hints = new RuntimeHints();
        new EmulatorRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(EmulatorController.class.getResource(EmulatorController.PAGE_RESOURCE)).as("the page").isNotNull();
        assertThat(RuntimeHintsPredicates.resource().forResource(TypeReference.of(EmulatorController.class),
                EmulatorController.PAGE_RESOURCE)).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("io/github/wxsession/boot/emulator/other.html"))
                .rejects(hints);
    }

    @Test
    void springAotFindsTheRegistrar() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class);

        assertThat(registrars).hasAtLeastOneElementOfType(EmulatorRuntimeHints.class);
    }
}
