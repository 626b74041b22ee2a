package io.github.wxsession.boot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The starter's own small JSON bodies (HTTP-session login and refusals, and the emulator's in
 * wx-session-emulator), read and written with the Jackson 2 databind core already depends on,
 * never through the application's message converters: on Boot 4 those may be Jackson 3,
 * configured in ways (naming strategies, wrapping, even XML) that would change the shape clients
 * rely on. Not API: for the controllers of the starter and of wx-session-emulator only.
 */
public final class JsonBodies {

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /**
     * The request body as JSON; a missing node when it is empty, larger than {@code maxBytes} or
     * not JSON, so callers see absent fields and answer what is missing.
     */
    public static JsonNode read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return MissingNode.getInstance();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length == 0 || body.length > maxBytes) {
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
    public static @Nullable String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** {@code {"code": code, "message": message}}, the shape of every refusal. */
    public static byte[] error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return bytes(body);
    }

    public static byte[] bytes(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        write(response, status, bytes(body));
    }

    /** Writes a JSON answer that no cache may keep: each is about one client's session or state. */
    public static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
