package io.github.wxsession.redis.attribute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JDK value types that JSON cannot tell apart by itself, written as {@code {"@Tag": payload}}
 * with the class's simple name as the tag: whole numbers other than {@code Integer} as JSON
 * numbers, everything else as its ISO / {@code toString()} text, read back with the type's own
 * parser. A fixed list: no class is ever looked up by a name found in the data.
 */
enum TaggedAttributeType {

    LONG(Long.class) {
        @Override
        void writePayload(JsonGenerator out, Object value) throws IOException {
            out.writeNumber((long) (Long) value);
        }

        @Override
        Object readPayload(JsonParser in) throws IOException {
            expect(in, JsonToken.VALUE_NUMBER_INT);
            return in.getLongValue();
        }
    },
    SHORT(Short.class) {
        @Override
        void writePayload(JsonGenerator out, Object value) throws IOException {
            out.writeNumber((short) (Short) value);
        }

        @Override
        Object readPayload(JsonParser in) throws IOException {
            return (short) intWithin(in, Short.MIN_VALUE, Short.MAX_VALUE);
        }
    },
    BYTE(Byte.class) {
        @Override
        void writePayload(JsonGenerator out, Object value) throws IOException {
            out.writeNumber((byte) (Byte) value);
        }

        @Override
        Object readPayload(JsonParser in) throws IOException {
            return (byte) intWithin(in, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
    },
    BIG_INTEGER(BigInteger.class) {
        @Override
        void writePayload(JsonGenerator out, Object value) throws IOException {
            out.writeNumber((BigInteger) value);
        }

        @Override
        Object readPayload(JsonParser in) throws IOException {
            expect(in, JsonToken.VALUE_NUMBER_INT);
            return in.getBigIntegerValue();
        }
    },
    BIG_DECIMAL(BigDecimal.class) {
        @Override
        void writePayload(JsonGenerator out, Object value) throws IOException {
            out.writeNumber((BigDecimal) value);
        }

        @Override
        Object readPayload(JsonParser in) throws IOException {
            if (!in.currentToken().isNumeric()) {
                throw malformed("a number", in);
            }
            // From the text, so the scale survives: 1.50 stays 1.50.
            return in.getDecimalValue();
        }
    },
    /** Every Float; a Double only when it is not finite (JSON has no NaN or infinity). */
    FLOAT(Float.class, Float::valueOf),
    DOUBLE(Double.class, Double::valueOf),
    CHARACTER(Character.class, TaggedAttributeType::character),
    UUID_TYPE(UUID.class, UUID::fromString),
    INSTANT(Instant.class, Instant::parse),
    LOCAL_DATE(LocalDate.class, LocalDate::parse),
    LOCAL_TIME(LocalTime.class, LocalTime::parse),
    LOCAL_DATE_TIME(LocalDateTime.class, LocalDateTime::parse),
    OFFSET_DATE_TIME(OffsetDateTime.class, OffsetDateTime::parse),
    OFFSET_TIME(OffsetTime.class, OffsetTime::parse),
    ZONED_DATE_TIME(ZonedDateTime.class, ZonedDateTime::parse),
    DURATION(Duration.class, Duration::parse),
    PERIOD(Period.class, Period::parse),
    YEAR(Year.class, Year::parse),
    YEAR_MONTH(YearMonth.class, YearMonth::parse),
    MONTH_DAY(MonthDay.class, MonthDay::parse),
    ZONE_OFFSET(ZoneOffset.class, ZoneOffset::of),
    /** Region ids such as Asia/Shanghai; their runtime class is a JDK-internal subclass. */
    ZONE_ID(ZoneId.class, ZoneId::of),
    DAY_OF_WEEK(DayOfWeek.class, DayOfWeek::valueOf),
    MONTH(Month.class, Month::valueOf);

    private static final Map<String, TaggedAttributeType> BY_TAG = new HashMap<>();
    private static final ClassValue<TaggedAttributeType> BY_CLASS = new ClassValue<>() {
        @Override
        protected TaggedAttributeType computeValue(Class<?> type) {
            for (TaggedAttributeType tagged : values()) {
                if (tagged.type == type) {
                    return tagged;
                }
            }
            return ZoneId.class.isAssignableFrom(type) ? ZONE_ID : null;
        }
    };

    static {
        for (TaggedAttributeType tagged : values()) {
            BY_TAG.put(tagged.tag, tagged);
        }
    }

    private final Class<?> type;
    private final String tag;
    private final SerializedString fieldName;
    private final Function<String, Object> parser;

    TaggedAttributeType(Class<?> type) {
        this(type, null);
    }

    TaggedAttributeType(Class<?> type, Function<String, Object> parser) {
        this.type = type;
        this.tag = type.getSimpleName();
        this.fieldName = new SerializedString("@" + tag);
        this.parser = parser;
    }

    /** The tagged type for a value of class {@code type}, or {@code null} if it is not one. */
    static @Nullable TaggedAttributeType ofClass(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** The tagged type written as {@code tag} (without the {@code @}), or {@code null}. */
    static @Nullable TaggedAttributeType ofTag(String tag) {
        return BY_TAG.get(tag);
    }

    /** The simple class name it is tagged with, without the {@code @}. */
    String tag() {
        return tag;
    }

    /** Writes {@code {"@Tag": payload}}. */
    void write(JsonGenerator out, Object value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(fieldName);
        writePayload(out, value);
        out.writeEndObject();
    }

    /** Writes the value's text; the number types override this. */
    void writePayload(JsonGenerator out, Object value) throws IOException {
        out.writeString(value.toString());
    }

    /**
     * Reads the payload the parser is positioned on.
     *
     * @throws WxSessionAttributeSerializationException if it is not the JSON this type writes
     * @throws RuntimeException from the type's parser if the text is not one of its values
     */
    Object readPayload(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_STRING);
        return parser.apply(in.getText());
    }

    private static void expect(JsonParser in, JsonToken token) throws IOException {
        if (in.currentToken() != token) {
            throw malformed(token == JsonToken.VALUE_STRING ? "a string" : "a whole number", in);
        }
    }

    private static int intWithin(JsonParser in, int min, int max) throws IOException {
        expect(in, JsonToken.VALUE_NUMBER_INT);
        int value = in.getIntValue();
        if (value < min || value > max) {
            throw WxSessionAttributeSerializationException.malformed("expected a number between " + min + " and "
                    + max + ", found " + value);
        }
        return value;
    }

    private static Character character(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("a Character is one UTF-16 unit, found \"" + text + "\"");
        }
        return text.charAt(0);
    }

    private static WxSessionAttributeSerializationException malformed(String expected, JsonParser in) {
        return WxSessionAttributeSerializationException.malformed("expected " + expected + ", found "
                + in.currentToken());
    }
}
