package io.github.wxsession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link WxSessionStore} must have. A store's test extends this class and
 * says how to build the store ({@link #createStore}); the cases, with those of
 * {@link WxSessionStoreConcurrencyContract}, run unchanged against each one.
 */
public abstract class WxSessionStoreContractTest extends WxSessionStoreConcurrencyContract {

    @Nested
    class Creation {

        @Test
        void firstLookupCreatesANewSessionWithTheStoreDefaults() {
            WxSession session = store.getSession("openid-1");

            assertThat(session.getId()).isEqualTo("openid-1");
            assertThat(session.isNew()).isTrue();
            assertThat(session.getCreationTime()).isEqualTo(clock.millis());
            assertThat(session.getLastAccessedTime()).isEqualTo(clock.millis());
            assertThat(session.getMaxInactiveInterval()).isEqualTo(TIMEOUT.toSeconds());
            assertThat(Collections.list(session.getAttributeNames())).isEmpty();
            assertThat(store.getActiveSessionCount()).isEqualTo(1);
        }

        @Test
        void laterLookupFindsTheSameSessionNoLongerNew() {
            store.getSession("openid-1").setAttribute("step", 1);
            clock.advance(Duration.ofSeconds(5));

            WxSession again = store.getSession("openid-1");

            assertThat(again.isNew()).isFalse();
            assertThat(again.getAttribute("step")).isEqualTo(1);
            assertThat(again.getLastAccessedTime()).isEqualTo(clock.millis());
            assertThat(again.getCreationTime()).isEqualTo(clock.millis() - 5000);
            assertThat(store.getActiveSessionCount()).isEqualTo(1);
        }

        @Test
        void lookupWithoutCreateReturnsNullForAnUnknownIdAndCreatesNothing() {
            assertThat(store.getSession("unknown", false)).isNull();
            assertThat(store.getActiveSessionCount()).isZero();
            assertThat(events.events()).isEmpty();
        }

        @Test
        void lookupWithoutCreateFindsALiveSession() {
            store.getSession("openid-1").setAttribute("k", "v");

            WxSession found = store.getSession("openid-1", false);

            assertThat(found).isNotNull();
            assertThat(found.isNew()).isFalse();
            assertThat(found.getAttribute("k")).isEqualTo("v");
        }

        @Test
        void sessionsAreKeptApartById() {
            store.getSession("a").setAttribute("k", "for a");
            store.getSession("b").setAttribute("k", "for b");

            assertThat(store.getSession("a").getAttribute("k")).isEqualTo("for a");
            assertThat(store.getSession("b").getAttribute("k")).isEqualTo("for b");
            assertThat(store.getActiveSessionCount()).isEqualTo(2);
        }
    }

    @Nested
    class Ids {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void blankIdIsRejected(String id) {
            assertThatIllegalArgumentException().isThrownBy(() -> store.getSession(id))
                    .withMessageContaining("blank");
            assertThatIllegalArgumentException().isThrownBy(() -> store.getSession(id, false));
        }

        @Test
        void nullIdIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> store.getSession(null))
                    .withMessageContaining("null");
        }

        @Test
        void idsLongerThan256CharactersAreRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> store.getSession("x".repeat(257)))
                    .withMessageContaining("256");
            assertThat(store.getSession("x".repeat(256)).getId()).hasSize(256);
        }
    }

    @Nested
    class Attributes {

        @Test
        void setGetReplaceAndRemove() {
            WxSession session = store.getSession("u");

            session.setAttribute("count", 1);
            session.setAttribute("name", "Ann");
            session.setAttribute("count", 2);
            assertThat(session.getAttribute("count")).isEqualTo(2);
            assertThat(session.getAttribute("name")).isEqualTo("Ann");
            assertThat(session.getAttribute("missing")).isNull();

            session.removeAttribute("count");
            assertThat(session.getAttribute("count")).isNull();
            assertThat(Collections.list(session.getAttributeNames())).containsExactly("name");
        }

        @Test
        void settingNullRemovesTheAttribute() {
            WxSession session = store.getSession("u");
            session.setAttribute("k", "v");

            session.setAttribute("k", null);

            assertThat(session.getAttribute("k")).isNull();
            assertThat(Collections.list(session.getAttributeNames())).isEmpty();
        }

        @Test
        void removingAnAbsentAttributeDoesNothing() {
            WxSession session = store.getSession("u");
            session.removeAttribute("never-set");
            assertThat(Collections.list(session.getAttributeNames())).isEmpty();
            assertThat(events.count("removed")).isZero();
        }

        @Test
        void attributeNamesAreASnapshot() {
            WxSession session = store.getSession("u");
            session.setAttribute("a", 1);
            session.setAttribute("b", 2);

            var names = session.getAttributeNames();
            session.setAttribute("c", 3);
            session.removeAttribute("a");

            assertThat(Collections.list(names)).containsExactlyInAnyOrder("a", "b");
        }

        @Test
        void nullAttributeNameIsRejected() {
            WxSession session = store.getSession("u");
            assertThatIllegalArgumentException().isThrownBy(() -> session.setAttribute(null, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> session.getAttribute(null));
            assertThatIllegalArgumentException().isThrownBy(() -> session.removeAttribute(null));
        }

        @Test
        void changesAreVisibleToLaterLookups() {
            store.getSession("u").setAttribute("k", "v1");
            store.getSession("u").setAttribute("k", "v2");
            store.getSession("u").setAttribute("other", 7);

            WxSession session = store.getSession("u");
            assertThat(session.getAttribute("k")).isEqualTo("v2");
            assertThat(session.getAttribute("other")).isEqualTo(7);
        }
    }

    @Nested
    class Invalidation {

        static Stream<Arguments> sessionMethods() {
            return Stream.of(
                    use("getCreationTime", WxSession::getCreationTime),
                    use("getLastAccessedTime", WxSession::getLastAccessedTime),
                    use("getMaxInactiveInterval", WxSession::getMaxInactiveInterval),
                    use("setMaxInactiveInterval", s -> s.setMaxInactiveInterval(10)),
                    use("isNew", WxSession::isNew),
                    use("getAttribute", s -> s.getAttribute("k")),
                    use("getAttributeNames", WxSession::getAttributeNames),
                    use("setAttribute", s -> s.setAttribute("k", "v")),
                    use("removeAttribute", s -> s.removeAttribute("k")),
                    use("invalidate", WxSession::invalidate));
        }

        private static Arguments use(String name, Consumer<WxSession> call) {
            return Arguments.of(name, call);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("sessionMethods")
        void everyUseAfterInvalidateThrows(String method, Consumer<WxSession> call) {
            WxSession session = store.getSession("u");
            session.setAttribute("k", "v");
            session.invalidate();

            assertThatIllegalStateException().isThrownBy(() -> call.accept(session));
            assertThat(session.getId()).isEqualTo("u");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("sessionMethods")
        void everyUseOfTheSharedSessionAfterInvalidateThrows(String method, Consumer<WxSession> call) {
            store.getSession("u");
            WxSession looked = store.getSession("u");
            looked.invalidate();

            assertThatIllegalStateException().isThrownBy(() -> call.accept(looked));
        }

        @Test
        void invalidatedSessionIsGoneAndItsIdStartsAfresh() {
            WxSession session = store.getSession("u");
            session.setAttribute("k", "v");
            session.invalidate();

            assertThat(store.getSession("u", false)).isNull();
            assertThat(store.getActiveSessionCount()).isZero();
            WxSession fresh = store.getSession("u");
            assertThat(fresh.isNew()).isTrue();
            assertThat(fresh.getAttribute("k")).isNull();
        }

        @Test
        void invalidateIsAnnouncedOnceWithTheAttributesStillReadable() {
            WxSession session = store.getSession("u");
            session.setAttribute("cart", "3 items");

            session.invalidate();

            assertThat(events.count("destroyed")).isEqualTo(1);
            assertThat(events.events()).contains("destroyed u INVALIDATED");
            assertThat(events.attributesAtDestroy("u")).isEqualTo(Map.of("cart", "3 items"));
        }
    }

    @Nested
    class Expiry {

        @Test
        void sessionLivesUntilItsTimeoutElapses() {
            store.getSession("u").setAttribute("k", "v");

            clock.advance(TIMEOUT.minusMillis(1));

            assertThat(store.getSession("u", false)).isNotNull();
        }

        @Test
        void sessionIdleForItsWholeTimeoutIsGoneOnLookup() {
            store.getSession("u").setAttribute("k", "v");

            clock.advance(TIMEOUT);

            assertThat(store.getSession("u", false)).isNull();
            assertThat(events.events()).containsSubsequence("created u new", "destroyed u EXPIRED");
            assertThat(events.count("destroyed")).isEqualTo(1);
            assertThat(events.attributesAtDestroy("u")).isEqualTo(Map.of("k", "v"));
            assertThat(store.getActiveSessionCount()).isZero();
        }

        @Test
        void expiredIdGetsAFreshSession() {
            store.getSession("u").setAttribute("k", "v");
            clock.advance(TIMEOUT.plusMinutes(1));

            WxSession session = store.getSession("u");

            assertThat(session.isNew()).isTrue();
            assertThat(session.getAttribute("k")).isNull();
            assertThat(session.getCreationTime()).isEqualTo(clock.millis());
            assertThat(events.count("destroyed u EXPIRED")).isEqualTo(1);
            assertThat(events.count("created u")).isEqualTo(2);
        }

        @Test
        void eachAccessRestartsTheIdleTimer() {
            store.getSession("u");
            for (int i = 0; i < 5; i++) {
                clock.advance(TIMEOUT.minusMinutes(1));
                assertThat(store.getSession("u", false)).as("access %d", i).isNotNull();
            }
            assertThat(events.count("destroyed")).isZero();
        }

        @Test
        void aShorterTimeoutOnOneSessionExpiresItSooner() {
            store.getSession("short").setMaxInactiveInterval(60);
            store.getSession("default");

            clock.advance(Duration.ofSeconds(60));

            assertThat(store.getSession("short", false)).isNull();
            assertThat(store.getSession("default", false)).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void zeroOrNegativeTimeoutMeansTheSessionNeverExpires(int timeout) {
            store.getSession("forever").setMaxInactiveInterval(timeout);

            clock.advance(Duration.ofDays(3650));

            assertThat(store.expireStaleSessions()).isZero();
            WxSession session = store.getSession("forever", false);
            assertThat(session).isNotNull();
            assertThat(session.getMaxInactiveInterval()).isEqualTo(timeout);
        }

        @Test
        void sweepDestroysIdleSessionsNobodyAsksFor() {
            store.getSession("idle").setAttribute("k", "v");
            store.getSession("busy");
            clock.advance(TIMEOUT.minusMinutes(1));
            store.getSession("busy");
            clock.advance(Duration.ofMinutes(1));

            int expired = store.expireStaleSessions();

            assertThat(expired).isEqualTo(1);
            assertThat(events.events()).contains("destroyed idle EXPIRED").doesNotContain("destroyed busy EXPIRED");
            assertThat(events.attributesAtDestroy("idle")).isEqualTo(Map.of("k", "v"));
            assertThat(store.getActiveSessionCount()).isEqualTo(1);
            assertThat(store.expireStaleSessions()).isZero();
        }

        @Test
        void aHeldReferenceToAnExpiredAndSweptSessionThrows() {
            WxSession session = store.getSession("u");
            clock.advance(TIMEOUT);
            store.expireStaleSessions();

            assertThatIllegalStateException().isThrownBy(() -> session.getAttribute("k"));
        }
    }
}
