package io.github.wxsession.redis.attribute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes one attribute value in the format described on {@link JacksonWxSessionAttributeSerializer}.
 * Built-in kinds go straight to the generator; only the application's own types go through
 * databind, each under its class name. Thread-safe.
 */
final class AttributeJsonWriter {

    /** Deeper nesting is refused: it is almost surely a collection that contains itself. */
    static final int MAX_DEPTH = 100;

    private static final SerializedString SET_FIELD = new SerializedString("@Set");
    private static final SerializedString MAP_FIELD = new SerializedString("@Map");

    private final ObjectMapper mapper;
    private final AttributeTypeAllowList allowList;
    private final ClassValue<SerializedString> classFields = new ClassValue<>() {
        @Override
        protected SerializedString computeValue(Class<?> type) {
            return new SerializedString("@" + type.getName());
        }
    };

    AttributeJsonWriter(ObjectMapper mapper, AttributeTypeAllowList allowList) {
        this.mapper = mapper;
        this.allowList = allowList;
    }

    byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (JsonGenerator out = mapper.getFactory().createGenerator(bytes)) {
            write(out, value, 0);
        } catch (IOException e) {
            throw new WxSessionAttributeSerializationException("could not encode a session attribute of type "
                    + value.getClass().getName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private void write(JsonGenerator out, Object value, int depth) throws IOException {
        // The commonest attribute types first, without a lookup.
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Integer number) {
            out.writeNumber(number.intValue());
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else {
            writeOther(out, value, depth);
        }
    }

    private void writeOther(JsonGenerator out, Object value, int depth) throws IOException {
        Class<?> type = value.getClass();
        switch (AttributeKind.of(type)) {
            case DOUBLE -> {
                double number = (Double) value;
                if (Double.isFinite(number)) {
                    out.writeNumber(number);
                } else {
                    TaggedAttributeType.DOUBLE.write(out, value);
                }
            }
            case TAGGED -> TaggedAttributeType.ofClass(type).write(out, value);
            case LIST -> writeElements(out, (Collection<?>) value, checked(depth, type));
            case SET -> {
                out.writeStartObject();
                out.writeFieldName(SET_FIELD);
                writeElements(out, (Collection<?>) value, checked(depth, type));
                out.writeEndObject();
            }
            case MAP -> writeMap(out, (Map<?, ?>) value, checked(depth, type));
            default -> writeApplicationType(out, value, type);
        }
    }

    private void writeElements(JsonGenerator out, Collection<?> elements, int depth) throws IOException {
        out.writeStartArray();
        for (Object element : elements) {
            write(out, element, depth);
        }
        out.writeEndArray();
    }

    /** String keys make a JSON object; any other key makes {@code {"@Map": [k1, v1, k2, v2, ...]}}. */
    private void writeMap(JsonGenerator out, Map<?, ?> map, int depth) throws IOException {
        if (!hasOnlyStringKeys(map)) {
            out.writeStartObject();
            out.writeFieldName(MAP_FIELD);
            out.writeStartArray();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey(), depth);
                write(out, entry.getValue(), depth);
            }
            out.writeEndArray();
            out.writeEndObject();
            return;
        }
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = (String) entry.getKey();
            // A leading @ marks a tag, so a key that has one gets another.
            out.writeFieldName(key.startsWith("@") ? "@" + key : key);
            write(out, entry.getValue(), depth);
        }
        out.writeEndObject();
    }

    private void writeApplicationType(JsonGenerator out, Object value, Class<?> type) throws IOException {
        if (!allowList.allows(type)) {
            throw refused(type);
        }
        out.writeStartObject();
        out.writeFieldName(classFields.get(type));
        mapper.writeValue(out, value);
        out.writeEndObject();
    }

    private static boolean hasOnlyStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static int checked(int depth, Class<?> type) {
        if (depth == MAX_DEPTH) {
            throw new WxSessionAttributeSerializationException("a session attribute nests collections deeper than "
                    + MAX_DEPTH + " levels (at a " + type.getName() + "): does a collection contain itself?");
        }
        return depth + 1;
    }

    private WxSessionAttributeSerializationException refused(Class<?> type) {
        String fix = type.isArray() ? "store a List instead of an array"
                : "allow it with allowPackages(\"" + type.getPackageName() + "\") or allowClasses("
                        + type.getSimpleName() + ".class) if it is one of the application's own types"
                        + " (a named class or record that Jackson can write and read)";
        return new WxSessionAttributeSerializationException("session attributes must be of an allowed type, and "
                + type.getName() + " is not (allowed: " + allowList.describe() + "); " + fix);
    }
}
