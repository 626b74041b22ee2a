package io.github.wxsession.redis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.WxTokenType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisWxConfigStorageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String TOKEN_KEY = "wx:{wx1234}:token:access_token";
    private static final String TICKET_KEY = "wx:{wx1234}:token:jsapi_ticket";

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    private final StringRedisTemplate redis = REDIS.template();
    private final RedisWxConfigStorage storage = storage(Duration.ofMinutes(5));

    @Test
    void accountValuesAreKeptAsGivenAndTheSecretStaysOutOfToString() {
        RedisWxConfigStorage full = RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s3cret").token("tok").aesKey("key").build();

        assertThat(full.getAppId()).isEqualTo("wx1234");
        assertThat(full.getSecret()).isEqualTo("s3cret");
        assertThat(full.getToken()).isEqualTo("tok");
        assertThat(full.getAesKey()).isEqualTo("key");
        assertThat(full.toString()).contains("wx1234", TOKEN_KEY).doesNotContain("s3cret");
    }

    @Test
    void noTokenIsExpired() {
        assertThat(storage.getAccessToken()).isNull();
        assertThat(storage.isAccessTokenExpired()).isTrue();
    }

    @Test
    void storedTokenIsReadBackFromItsHashTaggedKey() {
        storage.updateAccessToken("T1", 7200);

        assertThat(storage.getAccessToken()).isEqualTo("T1");
        assertThat(storage.isAccessTokenExpired()).isFalse();
        assertThat(redis.opsForValue().get(TOKEN_KEY)).isEqualTo("T1");
    }

    @Test
    void tokenLivesInRedisUntilItsRefreshAheadInstant() {
        storage.updateAccessToken("T1", 7200);

        assertThat(timeToLiveMillis(TOKEN_KEY)).isBetween(millis(7200 - 300) - 1000, millis(7200 - 300));
    }

    @Test
    void expiryIsReadFromTheKeysTimeToLiveWithoutTheToken() {
        assertThat(storage.getAccessTokenExpiresAt()).as("no token yet").isNull();

        storage.updateAccessToken("T1", 7200);

        Instant refreshAt = clock.instant().plusSeconds(7200 - 300);
        assertThat(storage.getAccessTokenExpiresAt()).isBetween(refreshAt.minusSeconds(1), refreshAt);
    }

    @Test
    void marginNeverTakesMoreThanHalfOfAShortLifetime() {
        storage.updateAccessToken("short", 60);

        assertThat(timeToLiveMillis(TOKEN_KEY)).isBetween(millis(30) - 1000, millis(30));
    }

    @Test
    void zeroMarginKeepsTheTokenForItsWholeLifetime() {
        storage(Duration.ZERO).updateAccessToken("T1", 100);

        assertThat(timeToLiveMillis(TOKEN_KEY)).isBetween(millis(100) - 1000, millis(100));
    }

    @Test
    void expiryIsLeftToRedisSoTheLocalClockDoesNotExpireAStoredToken() {
        storage.updateAccessToken("T1", 7200);
        clock.advance(Duration.ofHours(3));

        assertThat(storage.getAccessToken()).isEqualTo("T1");
    }

    @Test
    void expireForgetsTheToken() {
        storage.updateAccessToken("T1", 7200);

        storage.expireAccessToken();

        assertThat(storage.getAccessToken()).isNull();
        assertThat(redis.hasKey(TOKEN_KEY)).isFalse();
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
    void compareAndExpireOfAnAbsentTokenExpiresNothing() {
        assertThat(storage.expireCredentialIfCurrent(WxTokenType.ACCESS_TOKEN, "T1")).isFalse();
    }

    @Test
    void jsapiTicketFollowsTheSameLifecycleUnderItsOwnKey() {
        storage.updateAccessToken("T1", 7200);
        storage.updateJsapiTicket("ticket", 600);

        assertThat(redis.opsForValue().get(TICKET_KEY)).isEqualTo("ticket");
        assertThat(timeToLiveMillis(TICKET_KEY)).isBetween(millis(300) - 1000, millis(300));

        storage.expireJsapiTicket();
        assertThat(storage.getJsapiTicket()).isNull();
        assertThat(storage.getAccessToken()).isEqualTo("T1");
    }

    @Test
    void instancesOfOneAccountShareTheirTokens() {
        RedisWxConfigStorage otherInstance = storage(Duration.ofMinutes(5));

        storage.updateAccessToken("T1", 7200);

        assertThat(otherInstance.getAccessToken()).isEqualTo("T1");
    }

    @Test
    void accountsAndNamespacesDoNotShareTokens() {
        RedisWxConfigStorage otherAccount = RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx5678").secret("s").build();
        RedisWxConfigStorage otherNamespace = RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s").namespace("bot2").build();

        storage.updateAccessToken("T1", 7200);
        otherNamespace.updateAccessToken("N1", 7200);

        assertThat(otherAccount.getAccessToken()).isNull();
        assertThat(storage.getAccessToken()).isEqualTo("T1");
        assertThat(redis.opsForValue().get("bot2:{wx1234}:token:access_token")).isEqualTo("N1");
    }

    @Test
    void emptyTokenIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> storage.updateAccessToken("", 7200))
                .withMessageContaining("ACCESS_TOKEN");
    }

    @Test
    void builderSaysWhatIsMissingOrWrong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisWxConfigStorage.builder(REDIS.connectionFactory()).secret("s").build())
                .withMessageContaining("appId is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisWxConfigStorage.builder(REDIS.connectionFactory()).appId("a").build())
                .withMessageContaining("secret is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder().namespace("wx{1}").build())
                .withMessageContaining("braces");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisWxConfigStorage.builder(REDIS.connectionFactory())
                        .appId("wx{1}").secret("s").build())
                .withMessageContaining("braces");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder().lockWait(Duration.ZERO))
                .withMessageContaining("lockWait");
    }

    private RedisWxConfigStorage storage(Duration refreshAhead) {
        return builder().refreshAhead(refreshAhead).build();
    }

    private RedisWxConfigStorage.Builder builder() {
        return RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s3cret").clock(clock);
    }

    private long timeToLiveMillis(String key) {
        return redis.getExpire(key, TimeUnit.MILLISECONDS);
    }

    private static long millis(int seconds) {
        return seconds * 1000L;
    }
}
