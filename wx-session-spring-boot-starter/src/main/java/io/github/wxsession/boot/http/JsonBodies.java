package io.github.wxsession.boot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes the few JSON bodies of HTTP sessions with the Jackson 2 databind core already
 * depends on, never through the application's message converters: on Boot 4 those may be
 * Jackson 3, configured in ways (naming strategies, wrapping) that would change the shape clients rely on.
 */
final class JsonBodies {

    static final String CONTENT_TYPE = "application/json";

    /** A login body is {@code {"code": "..."}}; anything much larger is not one. */
    private static final int MAX_REQUEST_BYTES = 4096;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** {@code {"code": code, "message": message}}, the shape of every refusal. */
    static byte[] error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return bytes(body);
    }

    static byte[] bytes(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The text value of {@code field} of a JSON object body, or {@code null} when the body is not
     * JSON, not an object, too large, or lacks a text {@code field}.
     */
    static String textField(HttpServletRequest request, String field) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")
                || request.getContentLengthLong() > MAX_REQUEST_BYTES) {
            return null;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            return null;
        }
        try {
            JsonNode value = MAPPER.readTree(body);
            return value != null && value.path(field).isTextual() ? value.get(field).asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
