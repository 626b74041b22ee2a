package io.github.wxsession.redis.token;

import static io.github.wxsession.api.FakeWeChatServer.after;
import static io.github.wxsession.api.FakeWeChatServer.error;
import static io.github.wxsession.api.FakeWeChatServer.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.LockObservingStorage;
import io.github.wxsession.api.Sleeper;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.test.Concurrently;
import io.github.wxsession.token.WxConfigStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token refreshes through {@link HttpWxService}s whose storages share one Redis, as instances of a cluster do. */
class RedisTokenRefreshTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String TOKEN_PATH = "cgi-bin/token";
    private static final String LOCK_KEY = "wx:{wx1234}:token:access_token:lock";
    private static final int INSTANCES = 4;
    private static final int THREADS_PER_INSTANCE = 50;

    private final FakeWeChatServer wechat;

    RedisTokenRefreshTest() throws Exception {
        wechat = FakeWeChatServer.start();
    }

    @AfterEach
    void close() {
        wechat.close();
    }

    @Test
    void fourInstancesTimesFiftyThreadsOnAnExpiredTokenCauseOneTokenCall() throws Exception {
        // An expired token is an absent key: Redis removed it at its refresh-ahead instant.
        CountDownLatch allAtTheLock = new CountDownLatch(INSTANCES * THREADS_PER_INSTANCE);
        // The token answer waits until every thread of every instance has found the token expired.
        wechat.on(TOKEN_PATH, after(allAtTheLock, token("NEW", 7200)));
        List<Callable<String>> callers = new ArrayList<>();
        for (int instance = 0; instance < INSTANCES; instance++) {
            HttpWxService service = service(new LockObservingStorage(storage(Sleeper.THREAD_SLEEP), allAtTheLock));
            for (int thread = 0; thread < THREADS_PER_INSTANCE; thread++) {
                callers.add(() -> service.getAccessToken(false));
            }
        }

        List<String> tokens = Concurrently.runAll(callers);

        assertThat(tokens).hasSize(INSTANCES * THREADS_PER_INSTANCE).containsOnly("NEW");
        assertThat(wechat.calls(TOKEN_PATH)).isEqualTo(1);
        assertThat(REDIS.template().hasKey(LOCK_KEY)).isFalse();
    }

    @Test
    void failedFetchReleasesTheLockForTheNextInstance() throws Exception {
        wechat.on(TOKEN_PATH, error(40164, "invalid ip, not in whitelist"), token("T1", 7200));
        HttpWxService first = service(storage(Sleeper.THREAD_SLEEP));

        assertThatThrownBy(() -> first.getAccessToken()).isInstanceOf(WxErrorException.class)
                .hasMessageContaining("40164");

        assertThat(REDIS.template().hasKey(LOCK_KEY)).isFalse();
        HttpWxService next = service(storage(pause -> {
            throw new AssertionError("waited for a lock the failed fetch should have released");
        }));
        assertThat(next.getAccessToken()).isEqualTo("T1");
    }

    @Test
    void tokenStoredByOneInstanceIsUsedByAnotherWithoutACall() throws Exception {
        wechat.on(TOKEN_PATH, token("T1", 7200));
        service(storage(Sleeper.THREAD_SLEEP)).getAccessToken();

        assertThat(service(storage(Sleeper.THREAD_SLEEP)).getAccessToken()).isEqualTo("T1");
        assertThat(wechat.calls(TOKEN_PATH)).isEqualTo(1);
    }

    private static RedisWxConfigStorage storage(Sleeper sleeper) {
        return RedisWxConfigStorage.builder(REDIS.connectionFactory())
                .appId("wx1234").secret("s3cret").sleeper(sleeper).build();
    }

    private HttpWxService service(WxConfigStorage storage) {
        return new HttpWxService(WxApiConfig.builder().baseUri(wechat.baseUri()).build(), storage);
    }
}
