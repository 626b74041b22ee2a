package io.github.wxsession.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Checks JSON that is embedded as it is in a reply, such as a template card. */
final class JsonObjects {

    static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonObjects() {
    }

    /**
     * Checks that {@code json} is one JSON object, well formed, no member twice, nothing after it.
     *
     * @param what names the value in the message, e.g. "a template card"
     * @throws IllegalArgumentException if it is not
     */
    static void requireObject(String json, String what) {
        try (JsonParser parser = STRICT.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(what + " is a JSON object, {…}; got: " + abbreviated(json));
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(what + " is one JSON object; more follows it: " + abbreviated(json));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " must be valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // Reading from a String does no I/O; Jackson declares it anyway.
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
