package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.session.RecordingSessionListener;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.Concurrently;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What the contract cannot see: the keys in Redis, and two instances of one application sharing them. */
class RedisWxSessionStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String SESSION_KEY = "wx:{wxapp:u}:s";
    /** A time to live no script sets: while the key has it, no script set it again. */
    private static final Duration MARKER_TTL = Duration.ofHours(7);

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final StringRedisTemplate redis = REDIS.template();
    private final RecordingSessionListener eventsOnA = new RecordingSessionListener();
    private final RecordingSessionListener eventsOnB = new RecordingSessionListener();
    private final RedisWxSessionStore instanceA = instance(eventsOnA);
    private final RedisWxSessionStore instanceB = instance(eventsOnB);

    @AfterEach
    void closeStores() {
        instanceA.close();
        instanceB.close();
    }

    private RedisWxSessionStore instance(RecordingSessionListener listener) {
        return RedisWxSessionStore.builder(REDIS.connectionFactory())
                .appId("wxapp")
                .clock(clock)
                .defaultMaxInactiveInterval(TIMEOUT)
                .listener(listener)
                .build();
    }

    @Test
    void aSessionIsOneHashTaggedWithAppAndIdLivingItsTimeoutPlusTheGrace() {
        instanceA.getSession("u").setAttribute("step", 2);

        Map<Object, Object> fields = redis.opsForHash().entries(SESSION_KEY);
        String now = Long.toString(clock.millis());
        assertThat(fields).containsOnly(Map.entry("#c", now), Map.entry("#a", now), Map.entry("#m", "1800"),
                Map.entry("#e", now), Map.entry("a:step", "2"));
        long ttl = redis.getExpire(SESSION_KEY, TimeUnit.MILLISECONDS);
        assertThat(ttl).isBetween(TIMEOUT.plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis() - 5000,
                TIMEOUT.plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis());
        assertThat(redis.opsForValue().get("wx:{wxapp}:n")).isEqualTo("1");
    }

    @Test
    void anAccessSetsTheKeysTimeToLiveAgainOnlyOnceHalfTheGraceHasPassedSinceItWasLastSet() {
        instanceA.getSession("u");
        String created = Long.toString(clock.millis());
        redis.expire(SESSION_KEY, MARKER_TTL); // kept unless a script sets the time to live again

        clock.advance(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE.dividedBy(2));
        instanceA.getSession("u");

        assertThat(redis.opsForHash().get(SESSION_KEY, "#a")).isEqualTo(Long.toString(clock.millis()));
        assertThat(redis.opsForHash().get(SESSION_KEY, "#e")).isEqualTo(created);
        assertThat(redis.getExpire(SESSION_KEY, TimeUnit.SECONDS)).isGreaterThan(MARKER_TTL.minusMinutes(1).toSeconds());

        clock.advance(Duration.ofMillis(1));
        instanceA.getSession("u");

        assertThat(redis.opsForHash().get(SESSION_KEY, "#e")).isEqualTo(Long.toString(clock.millis()));
        assertThat(redis.getExpire(SESSION_KEY, TimeUnit.MILLISECONDS)).isBetween(
                TIMEOUT.plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis() - 5000,
                TIMEOUT.plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis());
    }

    @Test
    void aUnitOfWorkSetsTheTimeToLiveAtItsEndOnlyWhenItChangedTheTimeout() {
        instanceA.getSession("u");
        redis.expire(SESSION_KEY, MARKER_TTL);
        clock.advance(Duration.ofMinutes(1));

        try (RedisSessionScope scope = instanceA.openScope("u", true)) {
            instanceA.getSession("u").setAttribute("k", "v");
        }

        assertThat(redis.opsForHash().get(SESSION_KEY, "a:k")).isNotNull();
        assertThat(redis.getExpire(SESSION_KEY, TimeUnit.SECONDS)).isGreaterThan(MARKER_TTL.minusMinutes(1).toSeconds());

        clock.advance(Duration.ofMinutes(1));
        try (RedisSessionScope scope = instanceA.openScope("u", true)) {
            instanceA.getSession("u").setMaxInactiveInterval(600);
        }

        // Counted from the unit's access, which was now by the clock.
        assertThat(redis.opsForHash().get(SESSION_KEY, "#e")).isEqualTo(Long.toString(clock.millis()));
        assertThat(redis.getExpire(SESSION_KEY, TimeUnit.MILLISECONDS)).isBetween(
                Duration.ofMinutes(10).plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis() - 5000,
                Duration.ofMinutes(10).plus(RedisWxSessionStore.DEFAULT_EXPIRY_GRACE).toMillis());
    }

    @Test
    void aSessionThatNeverExpiresHasNoTimeToLive() {
        instanceA.getSession("u").setMaxInactiveInterval(0);

        assertThat(redis.getExpire(SESSION_KEY)).isEqualTo(-1L);
        assertThat(redis.opsForHash().get(SESSION_KEY, "#m")).isEqualTo("0");
    }

    @Test
    void valuesKeepTheirTypeThroughRedis() {
        instanceA.getSession("u").setAttribute("day", LocalDate.of(2026, 1, 2));
        instanceA.getSession("u").setAttribute("big", 1L << 40);
        instanceA.getSession("u").setAttribute("list", List.of(1, "two"));

        WxSession onB = instanceB.getSession("u");

        assertThat(onB.getAttribute("day")).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(onB.getAttribute("big")).isEqualTo(1L << 40);
        assertThat(onB.getAttribute("list")).isEqualTo(List.of(1, "two"));
    }

    @Test
    void aWriteFromAnInstanceIsSeenByTheNextLookupOnAnother() {
        instanceA.getSession("u").setAttribute("k", "from A");

        WxSession onB = instanceB.getSession("u", false);

        assertThat(onB.isNew()).isFalse();
        assertThat(onB.getAttribute("k")).isEqualTo("from A");
    }

    @Test
    void racingInstancesCreateOneSessionAndOnlyTheCreatorHearsIt() throws Exception {
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RedisWxSessionStore instance = i % 2 == 0 ? instanceA : instanceB;
            racers.add(() -> instance.getSession("u").isNew());
        }

        List<Boolean> created = Concurrently.runAll(racers);

        assertThat(created).containsOnlyOnce(true);
        assertThat(eventsOnA.count("created") + eventsOnB.count("created")).isEqualTo(1);
        assertThat(instanceA.getActiveSessionCount()).isEqualTo(1);
    }

    @Test
    void instancesSweepingTogetherExpireEachSessionOnceBetweenThem() throws Exception {
        for (int i = 0; i < 50; i++) {
            instanceA.getSession("user-" + i).setAttribute("n", i);
        }
        clock.advance(TIMEOUT);
        eventsOnA.clear();

        List<Integer> swept = Concurrently.runAll(List.<Callable<Integer>>of(
                instanceA::expireStaleSessions, instanceB::expireStaleSessions,
                instanceA::expireStaleSessions, instanceB::expireStaleSessions));

        assertThat(swept.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
        assertThat(eventsOnA.count("destroyed") + eventsOnB.count("destroyed")).isEqualTo(50);
        assertThat(eventsOnA.count("created") + eventsOnB.count("created")).isZero();
        RecordingSessionListener heard = eventsOnA.count("destroyed user-7 ") == 1 ? eventsOnA : eventsOnB;
        assertThat(heard.attributesAtDestroy("user-7")).isEqualTo(Map.of("n", 7));
        assertThat(instanceB.getActiveSessionCount()).isZero();
        assertThat(redis.keys("wx:*:s")).isEmpty();
    }

    @Test
    void anInstanceFindingASessionExpiredDestroysItOnceWithItsAttributes() {
        instanceA.getSession("u").setAttribute("k", "v");
        clock.advance(TIMEOUT);

        assertThat(instanceB.getSession("u", false)).isNull();
        assertThat(instanceA.getSession("u", false)).isNull();

        assertThat(eventsOnB.events()).containsExactly("destroyed u EXPIRED");
        assertThat(eventsOnB.attributesAtDestroy("u")).isEqualTo(Map.of("k", "v"));
        assertThat(eventsOnA.events()).containsExactly("created u new", "added u k=v");
    }

    @Test
    void aCopyHeldPastItsTimeoutStaysUsableWhileAnotherInstanceKeepsTheSessionAlive() {
        WxSession held = instanceA.getSession("u");
        held.setAttribute("k", "v");
        clock.advance(TIMEOUT.minusMinutes(1));
        instanceB.getSession("u");
        clock.advance(Duration.ofMinutes(2));

        assertThat(held.getAttribute("k")).isEqualTo("v");
        assertThat(held.getLastAccessedTime()).isEqualTo(clock.millis() - Duration.ofMinutes(2).toMillis());
    }

    @Test
    void aCopyWhoseSessionWasInvalidatedElsewhereFailsToWriteAndResurrectsNothing() {
        WxSession held = instanceA.getSession("u");
        instanceB.getSession("u").invalidate();

        assertThatIllegalStateException().isThrownBy(() -> held.setAttribute("k", "v"));
        assertThatIllegalStateException().isThrownBy(() -> held.getAttribute("k"));
        assertThat(redis.hasKey(SESSION_KEY)).isFalse();
        assertThat(eventsOnB.events()).containsExactly("destroyed u INVALIDATED");
    }

    @Test
    void aCopyOfAnEarlierSessionWithTheSameIdDoesNotWriteIntoTheNewOne() {
        WxSession earlier = instanceA.getSession("u");
        instanceB.getSession("u").invalidate();
        clock.advance(Duration.ofMillis(1));
        instanceB.getSession("u").setAttribute("owner", "B");

        assertThatIllegalStateException().isThrownBy(() -> earlier.setAttribute("owner", "A"));
        assertThat(instanceB.getSession("u").getAttribute("owner")).isEqualTo("B");
    }

    @Test
    void invalidatingFromTwoInstancesAtOnceIsHeardOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "u" + round;
            WxSession onA = instanceA.getSession(id);
            WxSession onB = instanceB.getSession(id);

            Concurrently.runAll(List.<Callable<Object>>of(() -> invalidateQuietly(onA), () -> invalidateQuietly(onB)));

            assertThat(eventsOnA.count("destroyed " + id + " ") + eventsOnB.count("destroyed " + id + " "))
                    .as("round %d", round).isEqualTo(1);
        }
        assertThat(instanceA.getActiveSessionCount()).isZero();
    }

    @Test
    void aKeyOfAnotherTypeUnderTheSessionPatternIsPassedOverByTheSweep() {
        // The scan asks for no TYPE (Redis 6.0+ only), so whatever matches the pattern is read.
        redis.opsForValue().set("wx:{wxapp:planted}:s", "not a session");
        instanceA.getSession("a");
        instanceA.getSession("b");
        clock.advance(TIMEOUT.minusMinutes(1));
        instanceA.getSession("b");
        clock.advance(Duration.ofMinutes(1));

        assertThat(instanceA.expireStaleSessions()).isEqualTo(1);

        assertThat(eventsOnA.events()).filteredOn(event -> event.startsWith("destroyed"))
                .singleElement().asString().startsWith("destroyed a ");
        assertThat(redis.opsForValue().get("wx:{wxapp:planted}:s")).isEqualTo("not a session");
        assertThat(instanceA.getActiveSessionCount()).isEqualTo(1);
    }

    @Test
    void accountsSharingARedisAreKeptApart() {
        RedisWxSessionStore other = RedisWxSessionStore.builder(REDIS.connectionFactory()).appId("wxapp2")
                .clock(clock).build();
        instanceA.getSession("u").setAttribute("k", "mine");

        assertThat(other.getSession("u", false)).isNull();
        other.getSession("u");
        clock.advance(TIMEOUT);
        assertThat(other.expireStaleSessions()).isEqualTo(1);
        assertThat(instanceA.getActiveSessionCount()).isEqualTo(1);
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithAHint() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisWxSessionStore.builder(REDIS.connectionFactory()).build())
                .withMessageContaining("appId is required");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisWxSessionStore.builder(REDIS.connectionFactory())
                .appId("wx{1}").build()).withMessageContaining("braces");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisWxSessionStore.builder(null))
                .withMessageContaining("RedisConnectionFactory");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisWxSessionStore.builder(REDIS.connectionFactory())
                .lockLease(Duration.ZERO)).withMessageContaining("lockLease");
    }

    private static Object invalidateQuietly(WxSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyGone) {
            // the other instance won
        }
        return null;
    }
}
