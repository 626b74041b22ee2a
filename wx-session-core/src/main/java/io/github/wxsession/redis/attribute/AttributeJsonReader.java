package io.github.wxsession.redis.attribute;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one attribute value written by {@link AttributeJsonWriter}. A class name found in the
 * data is checked against the allow-list before anything is loaded, and loaded without running
 * its static initializer; built-in tags map to a fixed list. Thread-safe.
 */
final class AttributeJsonReader {

    private final ObjectMapper mapper;
    private final AttributeTypeAllowList allowList;
    private final ClassLoader classLoader;
    /** Only allowed classes that exist end up here, so hostile names cannot grow it. */
    private final Map<String, Class<?>> applicationTypes = new ConcurrentHashMap<>();

    AttributeJsonReader(ObjectMapper mapper, AttributeTypeAllowList allowList, ClassLoader classLoader) {
        this.mapper = mapper;
        this.allowList = allowList;
        this.classLoader = classLoader;
    }

    Object read(byte[] bytes) {
        try (JsonParser in = mapper.getFactory().createParser(bytes)) {
            Object value = read(in, in.nextToken(), 0);
            if (in.nextToken() != null) {
                throw WxSessionAttributeSerializationException.malformed("more than one value");
            }
            return value;
        } catch (WxSessionAttributeSerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Not JSON, or a tagged text its type's parser rejects (a bad date, a bad UUID, ...).
            throw new WxSessionAttributeSerializationException("malformed session attribute: " + e.getMessage(), e);
        }
    }

    private Object read(JsonParser in, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw WxSessionAttributeSerializationException.malformed("no value");
        }
        return switch (token) {
            case VALUE_STRING -> in.getText();
            case VALUE_NUMBER_INT -> untaggedInteger(in);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_FLOAT -> in.getDoubleValue();
            case VALUE_NULL -> null;
            case START_ARRAY -> readElements(in, new ArrayList<>(), deeper(depth));
            case START_OBJECT -> readObject(in, deeper(depth));
            default -> throw WxSessionAttributeSerializationException.malformed("unexpected " + token);
        };
    }

    private static Integer untaggedInteger(JsonParser in) throws IOException {
        if (in.getNumberType() != JsonParser.NumberType.INT) {
            throw WxSessionAttributeSerializationException.malformed("an untagged whole number must fit an Integer"
                    + " (a Long is written as {\"@Long\": n}), found " + in.getText());
        }
        return in.getIntValue();
    }

    private <C extends Collection<Object>> C readElements(JsonParser in, C elements, int depth) throws IOException {
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            elements.add(read(in, token, depth));
        }
        return elements;
    }

    /** A map, or a tagged value: an object whose only member's name starts with one {@code @}. */
    private Object readObject(JsonParser in, int depth) throws IOException {
        JsonToken token = in.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return new LinkedHashMap<>();
        }
        String name = in.currentName();
        if (isTag(name)) {
            Object value = readTagged(in, name.substring(1), depth);
            if (in.nextToken() != JsonToken.END_OBJECT) {
                throw WxSessionAttributeSerializationException.malformed("a tagged value (" + name
                        + ") must be the only member of its object");
            }
            return value;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (; token != JsonToken.END_OBJECT; token = in.nextToken()) {
            name = in.currentName();
            if (isTag(name)) {
                throw WxSessionAttributeSerializationException.malformed("a tag (" + name + ") among map keys");
            }
            // Keys that start with @ were written with one more.
            map.put(name.startsWith("@") ? name.substring(1) : name, read(in, in.nextToken(), depth));
        }
        return map;
    }

    private Object readTagged(JsonParser in, String tag, int depth) throws IOException {
        JsonToken token = in.nextToken();
        switch (tag) {
            case "Set" -> {
                expectArray(token, tag);
                return readElements(in, new LinkedHashSet<>(), depth);
            }
            case "Map" -> {
                expectArray(token, tag);
                return readPairs(in, depth);
            }
            default -> {
                TaggedAttributeType builtIn = TaggedAttributeType.ofTag(tag);
                if (builtIn != null) {
                    return builtIn.readPayload(in);
                }
                return mapper.readValue(in, applicationType(tag));
            }
        }
    }

    private Map<Object, Object> readPairs(JsonParser in, int depth) throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            Object key = read(in, token, depth);
            JsonToken valueToken = in.nextToken();
            if (valueToken == JsonToken.END_ARRAY) {
                throw WxSessionAttributeSerializationException.malformed("an @Map with a key but no value");
            }
            map.put(key, read(in, valueToken, depth));
        }
        return map;
    }

    private Class<?> applicationType(String className) {
        Class<?> known = applicationTypes.get(className);
        if (known != null) {
            return known;
        }
        // The name is judged before it is loaded: loading alone can run code in a hostile class.
        if (!allowList.allowsName(className)) {
            throw new WxSessionAttributeSerializationException("refusing to decode a session attribute of type "
                    + className + ": not on the allow-list (" + allowList.describe() + ")");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WxSessionAttributeSerializationException("a session attribute names class " + className
                    + ", which is not on the class path (renamed or removed since it was stored?)", e);
        }
        if (!allowList.allows(type)) {
            throw new WxSessionAttributeSerializationException("refusing to decode a session attribute of type "
                    + className + ": not a named class that is on the allow-list");
        }
        applicationTypes.putIfAbsent(className, type);
        return type;
    }

    private static boolean isTag(String name) {
        return name.startsWith("@") && !name.startsWith("@@");
    }

    private static void expectArray(JsonToken token, String tag) {
        if (token != JsonToken.START_ARRAY) {
            throw WxSessionAttributeSerializationException.malformed("@" + tag + " holds an array, found " + token);
        }
    }

    private static int deeper(int depth) {
        if (depth == AttributeJsonWriter.MAX_DEPTH) {
            throw WxSessionAttributeSerializationException.malformed("nested deeper than "
                    + AttributeJsonWriter.MAX_DEPTH + " levels");
        }
        return depth + 1;
    }
}
