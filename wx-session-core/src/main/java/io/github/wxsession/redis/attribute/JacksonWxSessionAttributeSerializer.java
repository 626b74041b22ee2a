package io.github.wxsession.redis.attribute;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Session attributes as compact UTF-8 JSON that keeps each value's type, for an allow-list of
 * types only. Never Java serialization, and never Jackson default typing: stored bytes cannot make
 * it instantiate a class the application did not allow.
 * <p>
 * What is stored, per value:
 * <table>
 * <caption>Encoding</caption>
 * <tr><th>value</th><th>stored as</th><th>read back as</th></tr>
 * <tr><td>String, Boolean, Integer</td><td>{@code "hi"}, {@code true}, {@code 42}</td><td>the same</td></tr>
 * <tr><td>finite Double</td><td>{@code 4.2}, {@code 1.0}</td><td>Double</td></tr>
 * <tr><td>JDK List</td><td>{@code [1, "a"]}</td><td>ArrayList</td></tr>
 * <tr><td>JDK Map with String keys</td><td>{@code {"k": 1}}; a key starting with {@code @} gets one more</td>
 *     <td>LinkedHashMap</td></tr>
 * <tr><td>JDK Set</td><td>{@code {"@Set": [1, 2]}}</td><td>LinkedHashSet</td></tr>
 * <tr><td>JDK Map with other keys</td><td>{@code {"@Map": [k1, v1, k2, v2]}}</td><td>LinkedHashMap</td></tr>
 * <tr><td>Long, Short, Byte, BigInteger, BigDecimal</td><td>{@code {"@Long": 42}}</td><td>the same type</td></tr>
 * <tr><td>Float, Character, UUID, other Doubles, {@code java.time} values</td>
 *     <td>{@code {"@LocalDate": "2024-05-01"}}: the ISO / {@code toString()} text</td><td>the same type</td></tr>
 * <tr><td>an allowed application type</td><td>{@code {"@com.example.Guess": {...}}}: Jackson's JSON of it</td>
 *     <td>the same type</td></tr>
 * </table>
 * The commonest values (a String, an Integer, a list or map of them) carry no type information
 * at all, since JSON's own types already say it; everything else has one tag per value.
 * Collections nest freely (up to 100 levels), their elements encoded by the same rules.
 * <p>
 * Application types are allowed by {@linkplain Builder#allowPackages package} or
 * {@linkplain Builder#allowClasses class}. They must be named classes or records Jackson can
 * write and read; inside them Jackson's ordinary, declared-type binding applies (a field declared
 * {@code Object} reads back as JSON's natural types), and an {@code @JsonTypeInfo} on them is held
 * to the same allow-list. Thread-safe.
 */
public final class JacksonWxSessionAttributeSerializer implements WxSessionAttributeSerializer {

    private final AttributeTypeAllowList allowList;
    private final AttributeJsonWriter writer;
    private final AttributeJsonReader reader;

    private JacksonWxSessionAttributeSerializer(Builder builder) {
        this.allowList = new AttributeTypeAllowList(builder.packages, builder.classes);
        ObjectMapper mapper = builder.objectMapper.copy();
        // The allow-list governs Jackson's own polymorphism too; our envelope is the only type info.
        mapper.setPolymorphicTypeValidator(allowList.typeValidator());
        mapper.deactivateDefaultTyping();
        // An application value is one member of our envelope, not a whole document.
        mapper.disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        mapper.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.writer = new AttributeJsonWriter(mapper, allowList);
        this.reader = new AttributeJsonReader(mapper, allowList, builder.classLoader);
    }

    /** A builder allowing the built-in JDK types only until packages or classes are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} UTF-8 JSON as described above. */
    @Override
    public byte[] serialize(Object value) {
        return writer.write(value);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        return reader.read(bytes);
    }

    @Override
    public String toString() {
        return "JacksonWxSessionAttributeSerializer[allowed=" + allowList.describe() + "]";
    }

    /** Builds a {@link JacksonWxSessionAttributeSerializer}. Not thread-safe. */
    public static final class Builder {
        private final List<String> packages = new ArrayList<>();
        private final List<Class<?>> classes = new ArrayList<>();
        private ObjectMapper objectMapper = new ObjectMapper()
                // A session written by the next version of a class may carry a field this one lacks.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private ClassLoader classLoader = defaultClassLoader();

        private Builder() {
        }

        /**
         * Allows the application's types in these packages and their sub-packages, e.g.
         * {@code "com.example.bot"}. JDK packages cannot be added: their value types are built in.
         */
        public Builder allowPackages(String... packageNames) {
            Collections.addAll(packages, packageNames);
            return this;
        }

        /** Allows these classes (not their subclasses). */
        public Builder allowClasses(Class<?>... types) {
            for (Class<?> type : types) {
                classes.add(Objects.requireNonNull(type, "an allowed class must not be null"));
            }
            return this;
        }

        /**
         * The mapper application types are written and read with, e.g. one with the JSR-310 module
         * for {@code java.time} fields; it is copied, and the copy gets the allow-list as its
         * polymorphic type validator and default typing off. By default, a plain mapper that
         * ignores unknown properties.
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper must not be null");
            return this;
        }

        /** Where application types are loaded from; the thread's context class loader by default. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader must not be null");
            return this;
        }

        /** The serializer. */
        public JacksonWxSessionAttributeSerializer build() {
            return new JacksonWxSessionAttributeSerializer(this);
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : JacksonWxSessionAttributeSerializer.class.getClassLoader();
        }
    }
}
