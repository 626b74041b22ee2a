package io.github.wxsession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.test.Concurrently;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The part of the session contract about many callers at once: listeners, the limit on live
 * sessions and races. Run through {@link WxSessionStoreContractTest}, which extends it.
 */
public abstract class WxSessionStoreConcurrencyContract extends WxSessionStoreContractSupport {

    @Nested
    class Listeners {

        @Test
        void eachLifeEventIsHeardOnceInOrder() {
            WxSession session = store.getSession("u");
            session.setAttribute("n", 1);
            session.setAttribute("n", 2);
            session.removeAttribute("n");
            session.invalidate();

            assertThat(events.events()).containsExactly(
                    "created u new",
                    "added u n=1",
                    "replaced u n=1->2",
                    "removed u n=2",
                    "destroyed u INVALIDATED");
        }

        @Test
        void settingNullIsHeardAsARemoval() {
            WxSession session = store.getSession("u");
            session.setAttribute("n", 1);
            session.setAttribute("n", null);

            assertThat(events.events()).endsWith("removed u n=1");
        }

        @Test
        void aThrowingListenerIsLoggedAndDoesNotDisturbTheStoreOrOtherListeners() {
            WxSessionStore guarded = newStore(0);
            RecordingSessionListener after = new RecordingSessionListener();
            guarded.addListener(new WxSessionListener() {
                @Override
                public void sessionCreated(WxSession session) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void attributeAdded(WxSession session, String name, Object value) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
                    throw new IllegalStateException("listener bug");
                }
            });
            guarded.addListener(after);

            WxSession session = guarded.getSession("u");
            session.setAttribute("k", "v");
            session.invalidate();

            assertThat(after.events()).containsExactly("created u new", "added u k=v", "destroyed u INVALIDATED");
            assertThat(guarded.getSession("u", false)).isNull();
            assertThat(guarded.getActiveSessionCount()).isZero();
        }

        @Test
        void aListenerMayUseTheStore() {
            WxSessionStore reentrant = newStore(0);
            reentrant.addListener(new WxSessionListener() {
                @Override
                public void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
                    reentrant.getSession("audit").setAttribute("last-ended", session.getId());
                }
            });

            reentrant.getSession("u").invalidate();

            assertThat(reentrant.getSession("audit").getAttribute("last-ended")).isEqualTo("u");
        }
    }

    @Nested
    class Limits {

        @Test
        void oneSessionMoreThanTheLimitIsRefused() {
            WxSessionStore limited = newStore(2);
            limited.getSession("a");
            limited.getSession("b");

            assertThatThrownBy(() -> limited.getSession("c"))
                    .isInstanceOf(TooManyActiveSessionsException.class)
                    .hasMessageContaining("2");
            assertThat(limited.getSession("c", false)).isNull();
            assertThat(limited.getSession("a")).isNotNull();
            assertThat(limited.getActiveSessionCount()).isEqualTo(2);
        }

        @Test
        void invalidatingFreesASlot() {
            WxSessionStore limited = newStore(1);
            limited.getSession("a").invalidate();

            assertThat(limited.getSession("b").isNew()).isTrue();
        }

        @Test
        void expiredSessionsFreeTheirSlotsEvenBeforeASweep() {
            WxSessionStore limited = newStore(1);
            limited.getSession("a");
            clock.advance(TIMEOUT);

            assertThat(limited.getSession("b").isNew()).isTrue();
            assertThat(events.events()).contains("destroyed a EXPIRED");
        }

        @Test
        void concurrentCreationNeverOvershootsTheLimit() throws Exception {
            WxSessionStore limited = newStore(10);
            List<Callable<Boolean>> creators = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "user-" + i;
                creators.add(() -> {
                    try {
                        limited.getSession(id);
                        return true;
                    } catch (TooManyActiveSessionsException refused) {
                        return false;
                    }
                });
            }

            List<Boolean> created = Concurrently.runAll(creators);

            assertThat(created.stream().filter(c -> c)).hasSize(10);
            assertThat(limited.getActiveSessionCount()).isEqualTo(10);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void threadsAskingForOneNewIdShareOneSession() throws Exception {
            for (int round = 0; round < 50; round++) {
                String id = "race-" + round;

                List<WxSession> sessions = Concurrently.run(8, () -> {
                    WxSession session = store.getSession(id);
                    session.setAttribute(Thread.currentThread().getName(), true);
                    return session;
                });

                assertThat(sessions.stream().filter(WxSession::isNew)).as("round %d", round).hasSize(1);
                assertThat(Collections.list(store.getSession(id).getAttributeNames())).hasSize(8);
                assertThat(events.count("created " + id + " ")).isEqualTo(1);
            }
        }

        @Test
        void concurrentWritesToDifferentAttributesAreAllKept() throws Exception {
            store.getSession("u");
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                writers.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        store.getSession("u").setAttribute("w" + writer + "-" + i, i);
                    }
                    return null;
                });
            }

            Concurrently.runAll(writers);

            WxSession session = store.getSession("u");
            Set<String> names = new HashSet<>(Collections.list(session.getAttributeNames()));
            assertThat(names).hasSize(8 * 200);
            assertThat(session.getAttribute("w7-199")).isEqualTo(199);
        }

        @Test
        void expiryRacingWithAccessDestroysEachSessionExactlyOnce() throws Exception {
            for (int round = 0; round < 100; round++) {
                String id = "expiring-" + round;
                store.getSession(id).setAttribute("k", round);
                clock.advance(TIMEOUT);

                List<Callable<Object>> racers = List.of(
                        () -> store.expireStaleSessions(),
                        () -> store.getSession(id),
                        () -> store.getSession(id, false),
                        () -> store.expireStaleSessions());
                Concurrently.runAll(racers);

                assertThat(events.count("destroyed " + id + " ")).as("round %d", round).isEqualTo(1);
                assertThat(events.attributesAtDestroy(id)).isEqualTo(Map.of("k", round));
                WxSession survivor = store.getSession(id, false);
                assertThat(survivor).isNotNull();
                assertThat(survivor.getAttribute("k")).isNull();
            }
        }

        @Test
        void invalidateRacingWithExpiryIsHeardOnce() throws Exception {
            for (int round = 0; round < 100; round++) {
                String id = "ending-" + round;
                WxSession session = store.getSession(id);
                clock.advance(TIMEOUT);

                Concurrently.runAll(List.<Callable<Object>>of(
                        () -> {
                            try {
                                session.invalidate();
                            } catch (IllegalStateException alreadyGone) {
                                // the sweep won the race
                            }
                            return null;
                        },
                        () -> store.expireStaleSessions()));

                assertThat(events.count("destroyed " + id + " ")).as("round %d", round).isEqualTo(1);
                assertThat(store.getSession(id, false)).isNull();
            }
            assertThat(store.getActiveSessionCount()).isZero();
        }
    }
}
