package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads and writes the emulator's JSON with the Jackson 2 databind the starter already has, never
 * through the application's message converters: those may be Jackson 3 (Boot 4), configured in
 * ways that would change field names the page and the API client rely on, or even answer XML.
 */
final class EmulatorJson {

    /** Far more than any message the page or a bot sends. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EmulatorJson() {
    }

    /**
     * The request body as JSON; a missing node when it is empty, not JSON or too large, so callers
     * see absent fields and answer what is missing.
     */
    static JsonNode read(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            return json == null ? MissingNode.getInstance() : json;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The text of {@code field}, or {@code null} when it is absent, not text, or blank. */
    static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
