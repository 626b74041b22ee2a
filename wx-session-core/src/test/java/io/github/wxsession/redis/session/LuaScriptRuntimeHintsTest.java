package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Every script the Redis store runs is a resource a native image keeps. */
class LuaScriptRuntimeHintsTest {

    private static final String FOLDER = "io/github/wxsession/redis/session/";

    @Test
    void everyScriptBesideTheStoreIsARegisteredResource() throws Exception {
        RuntimeHints hints = new RuntimeHints();
        new LuaScriptRuntimeHints().registerHints(hints, getClass().getClassLoader());

        List<String> scripts = scripts();
        assertThat(scripts).contains("session-begin.lua", "session-end.lua", "read-on-master.lua");
        for (String script : scripts) {
            assertThat(RuntimeHintsPredicates.resource().forResource(FOLDER + script)).as(script).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.resource().forResource(FOLDER + "LuaScript.class")).rejects(hints);
    }

    @Test
    void springAotFindsTheRegistrar() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class);

        assertThat(registrars).hasAtLeastOneElementOfType(LuaScriptRuntimeHints.class);
    }

    /** The scripts as built into target/classes, so a script added later is checked too. */
    private static List<String> scripts() throws IOException, URISyntaxException {
        Path folder = Path.of(LuaScript.class.getResource("session-begin.lua").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".lua")).sorted()
                    .toList();
        }
    }
}
