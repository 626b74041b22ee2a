package io.github.wxsession.redis.session;

import static io.github.wxsession.api.FakeWeChatServer.after;
import static io.github.wxsession.api.FakeWeChatServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.LockObservingStorage;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.RedisClusterExtension;
import io.github.wxsession.redis.RedisClusterProcess;
import io.github.wxsession.redis.Resp;
import io.github.wxsession.redis.token.RedisWxConfigStorage;
import io.github.wxsession.router.WxMessageAdmission;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.RecordingSessionListener;
import io.github.wxsession.test.Concurrently;
import io.github.wxsession.test.MutableClock;
import io.lettuce.core.ReadFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis store's work spread over a cluster of three masters, each instance on its own connection factory. */
class RedisClusterSessionsTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private static final String APP = "wxspread";
    private static final int SENDERS = 300;

    private final RedisClusterProcess cluster = CLUSTER.cluster();
    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final List<RedisWxSessionStore> stores = new ArrayList<>();
    private final List<WxMessageRouter> routers = new ArrayList<>();

    @AfterEach
    void stop() {
        routers.forEach(WxMessageRouter::close);
        stores.forEach(RedisWxSessionStore::stop);
    }

    @Test
    void manySendersSessionsSpreadOverEveryMasterEachWithItsMessageRecordBesideIt() {
        WxMessageRouter router = router(store());
        for (int i = 0; i < SENDERS; i++) {
            router.route(text(i, sender(i)));
        }

        Map<String, Integer> sessionsPerMaster = new TreeMap<>();
        for (int i = 0; i < SENDERS; i++) {
            String tag = "wx:{" + APP + ":" + sender(i) + "}";
            String sessionKey = tag + ":s";
            String master = cluster.masterFor(sessionKey);
            sessionsPerMaster.merge(master, 1, Integer::sum);
            @SuppressWarnings("unchecked")
            List<String> slotKeys = (List<String>) Resp.call(master, "CLUSTER", "GETKEYSINSLOT",
                    Integer.toString(cluster.slotOf(sessionKey)), "100");
            assertThat(slotKeys).as("keys of %s on %s", sender(i), master).contains(sessionKey)
                    .anyMatch(key -> key.startsWith(tag + ":d:"));
        }
        System.out.println("sessions of " + SENDERS + " senders per master: " + sessionsPerMaster);

        assertThat(sessionsPerMaster).hasSize(3);
        // CRC16 spreads 300 ids about evenly (~100 each); a fifth is far below any plausible draw.
        assertThat(sessionsPerMaster.values()).allMatch(count -> count >= SENDERS / 5);
        assertThat(cluster.masters()).allMatch(master -> cluster.keyCount(master) >= SENDERS / 5);
    }

    @Test
    void theStoreReadsFromMastersOnlyEvenWhereTheApplicationReadsFromReplicas() {
        ReplicaReads.assertTheStoreReadsOnlyMasters(
                cluster.newConnectionFactory(UnaryOperator.identity(), client -> client.readFrom(ReadFrom.REPLICA)),
                cluster.replicas(), clock);
    }

    @Test
    void idleSessionsOnEveryMasterAreSweptAndAnnouncedOnceByOneOfTwoInstances() throws Exception {
        RecordingSessionListener events = new RecordingSessionListener();
        RedisWxSessionStore first = store();
        RedisWxSessionStore second = store();
        first.addListener(events);
        second.addListener(events);
        for (int i = 0; i < 60; i++) {
            first.getSession(sender(i)).setAttribute("n", i);
        }
        events.clear();
        clock.advance(Duration.ofMinutes(31));

        List<Integer> swept = Concurrently.runAll(List.<Callable<Integer>>of(first::expireStaleSessions,
                second::expireStaleSessions));

        assertThat(swept.get(0) + swept.get(1)).isEqualTo(60);
        assertThat(events.count("destroyed ")).isEqualTo(60);
        assertThat(events.events()).allMatch(event -> event.endsWith(" EXPIRED"));
        assertThat(first.getActiveSessionCount()).isZero();
        assertThat(cluster.masters()).as("no session left, only the live count and its version")
                .allMatch(master -> cluster.keyCount(master) <= 2);
    }

    @Test
    void fourInstancesTimesFiftyThreadsOnAnExpiredTokenCauseOneTokenCall() throws Exception {
        int instances = 4;
        int threadsPerInstance = 50;
        try (FakeWeChatServer wechat = FakeWeChatServer.start()) {
            CountDownLatch allAtTheLock = new CountDownLatch(instances * threadsPerInstance);
            wechat.on("cgi-bin/token", after(allAtTheLock, token("NEW", 7200)));
            List<Callable<String>> callers = new ArrayList<>();
            for (int instance = 0; instance < instances; instance++) {
                RedisWxConfigStorage storage = RedisWxConfigStorage.builder(CLUSTER.newConnectionFactory())
                        .appId("wx1234").secret("s3cret").build();
                HttpWxService service = new HttpWxService(WxApiConfig.builder().baseUri(wechat.baseUri()).build(),
                        new LockObservingStorage(storage, allAtTheLock));
                for (int thread = 0; thread < threadsPerInstance; thread++) {
                    callers.add(() -> service.getAccessToken(false));
                }
            }

            List<String> tokens = Concurrently.runAll(callers);

            assertThat(tokens).hasSize(instances * threadsPerInstance).containsOnly("NEW");
            assertThat(wechat.calls("cgi-bin/token")).isEqualTo(1);
            StringRedisTemplate redis = new StringRedisTemplate(CLUSTER.newConnectionFactory());
            assertThat(redis.hasKey("wx:{wx1234}:token:access_token:lock")).isFalse();
            assertThat(redis.opsForValue().get("wx:{wx1234}:token:access_token")).isNotNull();
        }
    }

    @Test
    /** The end of a read-only delivery is sent without waiting; Redis must run it before the next Begin. */
    void anInstanceThatCompletedAMessageFindsItHandledEvenOnAMasterThatHadNotCachedTheScripts() {
        RedisWxSessionStore store = store();
        RedisWxMessageGate gate = RedisWxMessageGate.builder(store).maxWait(Duration.ZERO).build();
        for (int i = 0; i < 10; i++) {
            // As on a replica just promoted: Redis does not replicate its script cache.
            cluster.masters().forEach(master -> Resp.call(master, "SCRIPT", "FLUSH"));
            String key = "k" + i;
            gate.begin(key, sender(i)).delivery().complete("<xml>" + i + "</xml>");

            assertThat(gate.begin(key, sender(i))).as("message %d, begun again at once", i)
                    .isEqualTo(WxMessageAdmission.handled(key, "<xml>" + i + "</xml>"));
        }
    }

    private RedisWxSessionStore store() {
        RedisWxSessionStore store = RedisWxSessionStore.builder(CLUSTER.newConnectionFactory())
                .appId(APP).clock(clock).defaultMaxInactiveInterval(Duration.ofMinutes(30)).build();
        stores.add(store);
        return store;
    }

    private WxMessageRouter router(RedisWxSessionStore store) {
        WxMessageRouter router = new WxMessageRouter(RedisGateTestSupport.WX_SERVICE);
        router.setSessionManager(store);
        router.setGate(RedisWxMessageGate.builder(store).build());
        router.rule().handler((message, context, wxService, sessions) -> {
            sessions.getSession(message.getFromUserName()).setAttribute("n", 1);
            return null;
        }).end();
        routers.add(router);
        return router;
    }

    private static String sender(int i) {
        return "oUser" + i;
    }

    private static WxXmlMessage text(long msgId, String from) {
        return RedisGateTestSupport.text(msgId, from, "hi");
    }
}
