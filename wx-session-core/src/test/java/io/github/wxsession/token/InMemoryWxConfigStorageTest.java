package io.github.wxsession.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InMemoryWxConfigStorageTest {

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");

    private final InMemoryWxConfigStorage storage = InMemoryWxConfigStorage.builder()
            .appId("wx1234").secret("s3cret").token("tok").aesKey("key")
            .clock(clock).refreshAhead(Duration.ofMinutes(5)).build();

    @Test
    void accountValuesAreKeptAsGiven() {
        assertThat(storage.getAppId()).isEqualTo("wx1234");
        assertThat(storage.getSecret()).isEqualTo("s3cret");
        assertThat(storage.getToken()).isEqualTo("tok");
        assertThat(storage.getAesKey()).isEqualTo("key");
    }

    @Test
    void noTokenIsExpired() {
        assertThat(storage.getAccessToken()).isNull();
        assertThat(storage.isAccessTokenExpired()).isTrue();
    }

    @Test
    void tokenCountsAsExpiredOnceWithinTheRefreshMargin() {
        storage.updateAccessToken("T1", 7200);

        clock.advance(Duration.ofSeconds(7200 - 300).minusMillis(1));
        assertThat(storage.getAccessToken()).isEqualTo("T1");
        assertThat(storage.isAccessTokenExpired()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(storage.getAccessToken()).isNull();
        assertThat(storage.isAccessTokenExpired()).isTrue();
    }

    @Test
    void expiryIsShownWithoutTheTokenUntilTheTokenCountsAsExpired() {
        assertThat(storage.getAccessTokenExpiresAt()).as("no token yet").isNull();

        storage.updateAccessToken("T1", 7200);
        assertThat(storage.getAccessTokenExpiresAt()).isEqualTo(Instant.parse("2024-05-01T01:55:00Z"));

        clock.advance(Duration.ofSeconds(7200 - 300));
        assertThat(storage.getAccessTokenExpiresAt()).isNull();
    }

    @Test
    void marginNeverTakesMoreThanHalfOfAShortLifetime() {
        storage.updateAccessToken("short", 60);

        clock.advance(Duration.ofSeconds(29));
        assertThat(storage.getAccessToken()).isEqualTo("short");
        clock.advance(Duration.ofSeconds(1));
        assertThat(storage.getAccessToken()).isNull();
    }

    @Test
    void zeroMarginKeepsTheTokenUntilItsRealExpiry() {
        InMemoryWxConfigStorage exact = InMemoryWxConfigStorage.builder()
                .appId("a").secret("s").clock(clock).refreshAhead(Duration.ZERO).build();
        exact.updateAccessToken("T", 100);

        clock.advance(Duration.ofSeconds(100).minusMillis(1));
        assertThat(exact.getAccessToken()).isEqualTo("T");
        clock.advance(Duration.ofMillis(1));
        assertThat(exact.getAccessToken()).isNull();
    }

    @Test
    void expireForgetsTheToken() {
        storage.updateAccessToken("T1", 7200);
        storage.expireAccessToken();
        assertThat(storage.getAccessToken()).isNull();
    }

    @Test
    void compareAndExpireForgetsOnlyTheFailingToken() {
        storage.updateAccessToken("T2", 7200);

        assertThat(storage.expireCredentialIfCurrent(WxTokenType.ACCESS_TOKEN, "T1")).isFalse();
        assertThat(storage.getAccessToken()).isEqualTo("T2");

        assertThat(storage.expireCredentialIfCurrent(WxTokenType.ACCESS_TOKEN, "T2")).isTrue();
        assertThat(storage.getAccessToken()).isNull();
    }

    @Test
    void compareAndExpireAlsoForgetsATokenWithinItsMargin() {
        storage.updateAccessToken("T1", 7200);
        clock.advance(Duration.ofSeconds(7000));

        assertThat(storage.expireCredentialIfCurrent(WxTokenType.ACCESS_TOKEN, "T1")).isTrue();
    }

    @Test
    void jsapiTicketFollowsTheSameLifecycleIndependently() {
        storage.updateAccessToken("T1", 7200);
        storage.updateJsapiTicket("ticket", 600);

        clock.advance(Duration.ofSeconds(300));
        assertThat(storage.getJsapiTicket()).isNull();
        assertThat(storage.isJsapiTicketExpired()).isTrue();
        assertThat(storage.getAccessToken()).isEqualTo("T1");

        storage.updateJsapiTicket("ticket2", 7200);
        storage.expireJsapiTicket();
        assertThat(storage.getJsapiTicket()).isNull();
        assertThat(storage.getAccessToken()).isEqualTo("T1");
    }

    @Test
    void refreshLockMakesOthersWaitUntilReleased() throws Exception {
        RefreshLock lock = storage.refreshLock(WxTokenType.ACCESS_TOKEN);
        AtomicBoolean otherGotIt = new AtomicBoolean();

        RefreshLock.Held held = lock.acquire();
        Thread other = new Thread(() -> whileHolding(lock, () -> otherGotIt.set(true)));
        other.start();
        awaitParked(other);
        assertThat(otherGotIt).isFalse();
        held.release();

        other.join(5000);
        assertThat(otherGotIt).isTrue();
    }

    @Test
    void eachCredentialTypeHasItsOwnLock() throws Exception {
        RefreshLock.Held token = storage.refreshLock(WxTokenType.ACCESS_TOKEN).acquire();
        try {
            Thread other = new Thread(() -> whileHolding(storage.refreshLock(WxTokenType.JSAPI_TICKET),
                    () -> storage.updateJsapiTicket("t", 7200)));
            other.start();
            other.join(5000);
            assertThat(storage.getJsapiTicket()).isEqualTo("t");
        } finally {
            token.release();
        }
    }

    private static void whileHolding(RefreshLock lock, Runnable action) {
        try {
            RefreshLock.Held held = lock.acquire();
            try {
                action.run();
            } finally {
                held.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitParked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).as("the waiter must block, not finish").isTrue();
            Thread.onSpinWait();
        }
    }

    @Test
    void missingAppIdOrSecretIsRejectedWithWhatToSet() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryWxConfigStorage.builder().secret("s").build())
                .withMessageContaining("appId is required").withMessageContaining("AppID");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryWxConfigStorage.builder().appId("a").secret(" ").build())
                .withMessageContaining("secret is required");
        // The WeCom AI bot has no secret: the empty one says so.
        assertThat(InMemoryWxConfigStorage.builder().appId("bot").secret("").build().getSecret()).isEmpty();
    }

    @Test
    void nonPositiveLifetimeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> storage.updateAccessToken("T", 0))
                .withMessageContaining("expires_in must be positive");
    }

    @Test
    void negativeMarginIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RefreshAhead.of(Duration.ofSeconds(-1)))
                .withMessageContaining("zero or positive");
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(storage.toString()).contains("wx1234").doesNotContain("s3cret");
    }
}
