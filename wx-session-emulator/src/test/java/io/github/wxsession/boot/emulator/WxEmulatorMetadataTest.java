package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * IDEs complete {@code wx.emulator.*} from the metadata the configuration processor writes into
 * this module's jar: the properties travel with the emulator, and no other jar (the starter's)
 * still describes them.
 */
class WxEmulatorMetadataTest {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    @Test
    void theEmulatorsJarAloneDescribesItsProperties() throws IOException {
        Map<String, Map<String, Map<String, Object>>> describing = new LinkedHashMap<>();
        for (URL metadata : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
            Map<String, Map<String, Object>> emulatorProperties = emulatorProperties(metadata);
            if (!emulatorProperties.isEmpty()) {
                describing.put(metadata.toString(), emulatorProperties);
            }
        }
        URL emulatorJar = WxEmulatorProperties.class.getProtectionDomain().getCodeSource().getLocation();

        assertThat(describing).containsOnlyKeys(emulatorJar.toString() + METADATA);
        Map<String, Map<String, Object>> properties = describing.values().iterator().next();
        assertThat(properties).containsOnlyKeys("wx.emulator.enabled", "wx.emulator.path", "wx.emulator.allow-remote");
        assertThat(properties.get("wx.emulator.enabled")).containsEntry("defaultValue", false)
                .hasEntrySatisfying("description", text -> assertThat(text).asString().contains("production"));
        assertThat(properties.get("wx.emulator.path")).containsEntry("defaultValue", "/wx-emulator");
        assertThat(properties.get("wx.emulator.allow-remote")).containsEntry("defaultValue", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> emulatorProperties(URL metadata) throws IOException {
        String json;
        try (InputStream in = metadata.openStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Object> properties = (List<Object>) JsonParserFactory.getJsonParser().parseMap(json)
                .getOrDefault("properties", List.of());
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Object property : properties) {
            Map<String, Object> described = (Map<String, Object>) property;
            String name = (String) described.get("name");
            if (name.startsWith("wx.emulator.")) {
                byName.put(name, described);
            }
        }
        return byName;
    }
}
