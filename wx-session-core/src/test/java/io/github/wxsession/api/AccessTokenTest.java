package io.github.wxsession.api;

import static io.github.wxsession.api.ApiTestFixture.APP_ID;
import static io.github.wxsession.api.ApiTestFixture.SECRET;
import static io.github.wxsession.api.ApiTestFixture.TOKEN_PATH;
import static io.github.wxsession.api.FakeWeChatServer.after;
import static io.github.wxsession.api.FakeWeChatServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final int THREADS = 200;

    private final ApiTestFixture fixture;
    private final FakeWeChatServer server;

    AccessTokenTest() throws Exception {
        fixture = new ApiTestFixture();
        server = fixture.server;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void officialAccountFetchesFromCgiBinToken() throws Exception {
        server.on(TOKEN_PATH, token("T1", 7200));

        assertThat(fixture.service().getAccessToken()).isEqualTo("T1");

        FakeWeChatServer.Call call = server.lastCall(TOKEN_PATH);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query()).containsExactly(Map.entry("grant_type", "client_credential"),
                Map.entry("appid", APP_ID), Map.entry("secret", SECRET));
    }

    @Test
    void refreshListenerHearsEachFetchAndItsOutcome() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        server.on(TOKEN_PATH, FakeWeChatServer.error(40164, "invalid ip 1.2.3.4"), token("T1", 7200));
        HttpWxService service = fixture.service(config -> config.refreshListener((appId, type, failure) ->
                heard.add(appId + " " + type + " " + (failure == null ? "ok" : "failed"))));

        ApiTestFixture.failureOf(service::getAccessToken);
        service.getAccessToken();
        service.getAccessToken();

        assertThat(heard).containsExactly(APP_ID + " ACCESS_TOKEN failed", APP_ID + " ACCESS_TOKEN ok");
    }

    @Test
    void validTokenIsServedFromStorageWithoutACall() throws Exception {
        server.on(TOKEN_PATH, token("T1", 7200));
        HttpWxService service = fixture.service();

        service.getAccessToken();
        fixture.clock.advance(Duration.ofHours(1));

        assertThat(service.getAccessToken()).isEqualTo("T1");
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
    }

    @Test
    void tokenIsFetchedAgainOnceWithinTheRefreshMargin() throws Exception {
        server.on(TOKEN_PATH, token("T1", 7200), token("T2", 7200));
        HttpWxService service = fixture.service();
        service.getAccessToken();

        fixture.clock.advance(Duration.ofSeconds(7200 - 300).minusMillis(1));
        assertThat(service.getAccessToken()).isEqualTo("T1");

        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(service.getAccessToken()).isEqualTo("T2");
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(2);
    }

    @Test
    void forceRefreshFetchesEvenAValidToken() throws Exception {
        server.on(TOKEN_PATH, token("T1", 7200), token("T2", 7200));
        HttpWxService service = fixture.service();
        service.getAccessToken();

        assertThat(service.getAccessToken(true)).isEqualTo("T2");
        assertThat(fixture.storage.getAccessToken()).isEqualTo("T2");
    }

    @Test
    void twoHundredThreadsOnAnExpiredTokenCauseOneTokenCall() throws Exception {
        fixture.storage.updateAccessToken("OLD", 7200);
        fixture.clock.advance(Duration.ofHours(2));
        CountDownLatch allAtTheLock = new CountDownLatch(THREADS);
        // The token answer waits until every thread has found the token expired and is at the lock.
        server.on(TOKEN_PATH, after(allAtTheLock, token("NEW", 7200)));
        HttpWxService service = serviceObserving(allAtTheLock);

        List<String> tokens = onManyThreads(() -> service.getAccessToken());

        assertThat(tokens).hasSize(THREADS).containsOnly("NEW");
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
    }

    @Test
    void manyThreadsForcingARefreshTogetherShareOneFetch() throws Exception {
        fixture.storage.updateAccessToken("OLD", 7200);
        CountDownLatch allAtTheLock = new CountDownLatch(THREADS);
        server.on(TOKEN_PATH, after(allAtTheLock, token("NEW", 7200)));
        HttpWxService service = serviceObserving(allAtTheLock);

        List<String> tokens = onManyThreads(() -> service.getAccessToken(true));

        assertThat(tokens).hasSize(THREADS).containsOnly("NEW");
        assertThat(server.calls(TOKEN_PATH)).isEqualTo(1);
    }

    @Test
    void stableTokenModePostsJsonToStableToken() throws Exception {
        server.on("cgi-bin/stable_token", token("S1", 7200), token("S2", 7200));
        HttpWxService service = fixture.service(config -> config.stableToken(true));

        assertThat(service.getAccessToken()).isEqualTo("S1");
        FakeWeChatServer.Call call = server.lastCall("cgi-bin/stable_token");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.query()).isEmpty();
        assertThat(call.body()).isEqualTo(
                "{\"grant_type\":\"client_credential\",\"appid\":\"wxapp\",\"secret\":\"s3cret\",\"force_refresh\":false}");

        assertThat(service.getAccessToken(true)).isEqualTo("S2");
        assertThat(server.lastCall("cgi-bin/stable_token").body()).endsWith("\"force_refresh\":true}");
        assertThat(server.calls(TOKEN_PATH)).isZero();
    }

    @Test
    void weComFetchesFromGettokenWithCorpIdAndCorpSecret() throws Exception {
        server.on("cgi-bin/gettoken", FakeWeChatServer.json(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"CP1\",\"expires_in\":7200}"));
        HttpWxService service = fixture.service(config -> config.type(WxApiType.CP));

        assertThat(service.getAccessToken()).isEqualTo("CP1");
        assertThat(server.lastCall("cgi-bin/gettoken").query())
                .containsExactly(Map.entry("corpid", APP_ID), Map.entry("corpsecret", SECRET));
    }

    @Test
    void tokenAnswerWithoutExpiresInIsRejectedClearly() {
        server.on(TOKEN_PATH, FakeWeChatServer.json("{\"access_token\":\"T1\"}"));

        WxErrorException failure = ApiTestFixture.failureOf(() -> fixture.service().getAccessToken());

        assertThat(failure).hasMessageContaining("GET cgi-bin/token").hasMessageContaining("expires_in");
        assertThat(fixture.storage.getAccessToken()).isNull();
    }

    private HttpWxService serviceObserving(CountDownLatch lockAcquisitions) {
        return new HttpWxService(fixture.config().build(), new LockObservingStorage(fixture.storage, lockAcquisitions));
    }

    private static <T> List<T> onManyThreads(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
