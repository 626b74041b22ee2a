package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter's packages depend one way: the auto-configuration on the components, never the
 * reverse, and no two packages on each other, so each component can be used without the
 * properties classes and a change to binding touches one package.
 */
class WxPackageDependenciesTest {

    /** The sources of every Boot line: the shared ones and each line's adapters (src/main/boot4, boot3). */
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"), Path.of("src", "main", "boot4"),
            Path.of("src", "main", "boot3"));
    private static final String BOOT = "io.github.wxsession.boot";
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.github\\.wxsession\\.boot\\.[a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void onlyTheAutoConfigurationDependsOnTheAutoConfiguration() {
        dependencies().forEach((from, to) -> {
            if (!from.equals(BOOT + ".autoconfigure")) {
                assertThat(to).as(from).doesNotContain(BOOT + ".autoconfigure");
            }
        });
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies).containsKeys(BOOT + ".autoconfigure", BOOT + ".account", BOOT + ".http",
                BOOT + ".actuate");
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>(List.of(start));
            assertThat(cycleFrom(start, dependencies, path)).as("a cycle through " + start + ": " + path).isFalse();
        }
    }

    private static boolean cycleFrom(String node, Map<String, Set<String>> dependencies, List<String> path) {
        for (String next : dependencies.getOrDefault(node, Set.of())) {
            if (next.equals(path.get(0))) {
                path.add(next);
                return true;
            }
            if (!path.contains(next)) {
                path.add(next);
                if (cycleFrom(next, dependencies, path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    /** For each package of the starter, the other packages of the starter its sources import. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    String from = root.relativize(file.getParent()).toString()
                            .replace(file.getFileSystem().getSeparator(), ".");
                    Set<String> to = dependencies.computeIfAbsent(from, name -> new LinkedHashSet<>());
                    Matcher imports = IMPORT.matcher(read(file));
                    while (imports.find()) {
                        if (!imports.group(1).equals(from)) {
                            to.add(imports.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dependencies;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
