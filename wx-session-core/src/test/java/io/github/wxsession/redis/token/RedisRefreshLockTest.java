package io.github.wxsession.redis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.redis.ClockAdvancingSleeper;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.RefreshLock;
import io.github.wxsession.token.WxTokenType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisRefreshLockTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String LOCK_KEY = "wx:{wx1234}:token:access_token:lock";

    private final StringRedisTemplate redis = REDIS.template();
    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    private final ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(clock);

    @Test
    void heldLockIsAnOwnedKeyWithTheLeaseAsItsTimeToLive() throws Exception {
        RefreshLock.Held held = lockOf(instance()).acquire();

        assertThat(redis.opsForValue().get(LOCK_KEY)).isNotBlank();
        assertThat(redis.getExpire(LOCK_KEY, TimeUnit.MILLISECONDS)).isBetween(29_000L, 30_000L);

        held.release();
        assertThat(redis.hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void anotherInstanceWaitsUntilTheHolderReleases() throws Exception {
        RefreshLock.Held held = lockOf(instance()).acquire();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        // The other instance finds the key taken and pauses until we have released it.
        RefreshLock other = lockOf(builder().sleeper(pause -> {
            paused.countDown();
            released.await();
        }).build());

        String ours = redis.opsForValue().get(LOCK_KEY);
        // A held lock is released on the thread that took it.
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> whileHolding(other));
        assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting).isNotDone();
        held.release();
        released.countDown();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotBlank().isNotEqualTo(ours);
        assertThat(redis.hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void waitForALockThatStaysTakenIsBoundedAndSaysWhy() {
        redis.opsForValue().set(LOCK_KEY, "someone-else", Duration.ofMinutes(1));
        RefreshLock lock = lockOf(instance());

        assertThatThrownBy(lock::acquire)
                .isInstanceOf(WxLockTimeoutException.class)
                .hasMessageContaining("gave up waiting PT10S")
                .hasMessageContaining(LOCK_KEY)
                .hasMessageContaining("lease of PT30S");
        assertThat(sleeper.pauses()).startsWith(10L, 20L, 40L, 80L, 160L, 200L, 200L);
        assertThat(sleeper.pauses().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000L);
        assertThat(redis.opsForValue().get(LOCK_KEY)).isEqualTo("someone-else");
    }

    @Test
    void lockOfACrashedHolderIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        // A holder that died without releasing: only its lease frees the key.
        redis.opsForValue().set(LOCK_KEY, "crashed", Duration.ofMillis(100));
        RefreshLock lock = RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s").build().refreshLock(WxTokenType.ACCESS_TOKEN);

        RefreshLock.Held held = lock.acquire();

        assertThat(redis.opsForValue().get(LOCK_KEY)).isNotEqualTo("crashed").isNotBlank();
        held.release();
    }

    @Test
    void releaseLeavesAloneALockThatIsNoLongerOurs() throws Exception {
        RefreshLock.Held held = lockOf(instance()).acquire();
        // Our lease ran out and another instance took the lock.
        redis.opsForValue().set(LOCK_KEY, "next-holder", Duration.ofSeconds(30));

        held.release();

        assertThat(redis.opsForValue().get(LOCK_KEY)).isEqualTo("next-holder");
    }

    @Test
    void lockIsNotReentrant() throws Exception {
        RefreshLock lock = lockOf(instance());
        RefreshLock.Held held = lock.acquire();
        try {
            assertThatIllegalStateException().isThrownBy(lock::acquire).withMessageContaining("not reentrant");
        } finally {
            held.release();
        }
        lock.acquire().release();
    }

    @Test
    void credentialsHaveLocksOfTheirOwn() throws Exception {
        RedisWxConfigStorage storage = instance();
        RefreshLock.Held token = lockOf(storage).acquire();

        RefreshLock.Held ticket = storage.refreshLock(WxTokenType.JSAPI_TICKET).acquire();

        assertThat(redis.hasKey("wx:{wx1234}:token:jsapi_ticket:lock")).isTrue();
        ticket.release();
        token.release();
    }

    private RedisWxConfigStorage instance() {
        return builder().build();
    }

    private RedisWxConfigStorage.Builder builder() {
        return RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s3cret").clock(clock).sleeper(sleeper);
    }

    private static RefreshLock lockOf(RedisWxConfigStorage storage) {
        return storage.refreshLock(WxTokenType.ACCESS_TOKEN);
    }

    /** Takes and releases {@code lock}, answering the owner its key held meanwhile. */
    private String whileHolding(RefreshLock lock) {
        try {
            RefreshLock.Held held = lock.acquire();
            try {
                return redis.opsForValue().get(LOCK_KEY);
            } finally {
                held.release();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
