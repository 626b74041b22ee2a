package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.Await;
import io.github.wxsession.redis.RedisSentinelExtension;
import io.github.wxsession.redis.RedisSentinelProcess;
import io.github.wxsession.redis.Resp;
import io.github.wxsession.redis.SentinelSwitchFollower;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.MutableClock;
import io.lettuce.core.ReadFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store while Sentinel replaces its master, on request ({@code SENTINEL FAILOVER}) or
 * after a crash ({@code kill -9}). Each instance has its own sentinel-configured connection
 * factory, configured as Spring Boot's defaults configure it, and a {@link SentinelSwitchFollower}
 * as the starter gives it; the times measured are printed.
 */
class RedisSentinelFailoverTest {

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private static final String APP = "wxsentinel";
    private static final AtomicLong MSG_IDS = new AtomicLong(11_000_000);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    /** What #15 aims at for finding a new master, as for a cluster's promoted replica. */
    private static final Duration SWITCH_FOLLOWED = Duration.ofSeconds(2);

    private final RedisSentinelProcess set = SENTINEL.sentinel();
    private final List<RedisWxSessionStore> stores = new ArrayList<>();
    private final List<WxMessageRouter> routers = new ArrayList<>();

    private final List<SentinelSwitchFollower> followers = new ArrayList<>();

    @AfterEach
    void stop() {
        routers.forEach(WxMessageRouter::close);
        stores.forEach(RedisWxSessionStore::stop);
        followers.forEach(SentinelSwitchFollower::close);
    }

    @Test
    void afterASentinelFailoverTheStoresWritesReachTheNewMasterByThemselves() throws Exception {
        FailoverWhileSending run = failoverWhileSending();

        assertThat(run.wechat().wrongAnswers()).as("answers other than 503").isEmpty();
        assertThat(run.onNewInARow()).as("the store's writes reach the new master within %s, by themselves", GIVE_UP)
                .isEqualTo(5);
        assertThat(set.masterOf(run.old())).isEqualTo(run.promoted());
    }

    @Test
    void afterASentinelFailoverNoWriteReachesTheOldMasterOnceTheSentinelsNameTheNewOne() throws Exception {
        FailoverWhileSending run = failoverWhileSending();

        assertThat(Duration.ofNanos(run.lastOnOld() - run.switched()))
                .as("writes on the old master after every sentinel named the new one (each is lost)")
                .isLessThanOrEqualTo(SWITCH_FOLLOWED);
        assertThat(run.wechat().wrongAnswers()).isEmpty();
    }

    @Test
    void aFailoverWhileMessagesFlowLosesNoAcknowledgedMessageAndHandlesNoneTwice() throws Exception {
        RetryingWeChat wechat = new RetryingWeChat(List.of(instance(store()), instance(store())), GIVE_UP);
        List<String> senders = List.of("oAda", "oBob", "oCid", "oDee", "oEve", "oFay");
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        AtomicBoolean flowing = new AtomicBoolean(true);
        CountDownLatch warmedUp = new CountDownLatch(senders.size());
        ExecutorService threads = Executors.newFixedThreadPool(senders.size());
        List<Future<?>> running = new ArrayList<>();
        for (String sender : senders) {
            AtomicInteger count = answered.computeIfAbsent(sender, any -> new AtomicInteger());
            running.add(threads.submit(() -> {
                while (flowing.get()) {
                    assertThat(wechat.deliver(text(sender))).as("answered within %s", GIVE_UP).isTrue();
                    if (count.incrementAndGet() == 10) {
                        warmedUp.countDown();
                    }
                }
                return null;
            }));
        }
        String old = set.master();
        String promoted;
        long start;
        long switched;
        try {
            assertThat(warmedUp.await(GIVE_UP.toSeconds(), TimeUnit.SECONDS)).isTrue();
            start = System.nanoTime();
            promoted = set.failover();
            switched = System.nanoTime();
            int before = answered.values().stream().mapToInt(AtomicInteger::get).sum();
            Await.until(GIVE_UP, "messages answered after the switch",
                    () -> answered.values().stream().mapToInt(AtomicInteger::get).sum() > before + 100 ? true : null);
        } finally {
            flowing.set(false);
            threads.shutdown();
        }
        for (Future<?> sender : running) {
            sender.get(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
        }
        set.awaitHealthy();
        set.awaitReplicated();

        RedisWxSessionStore reader = store();
        Map<String, String> lost = new TreeMap<>();
        for (String sender : senders) {
            String wrong = counted(reader, sender, answered.get(sender).get());
            if (wrong != null) {
                lost.put(sender, wrong);
            }
        }
        System.out.printf("SENTINEL FAILOVER %s -> %s while %d senders talked: every sentinel named the new master"
                + " after %d ms; %d messages answered, the slowest in %d ms; 503s retried %s; sessions that"
                + " disagree with what was answered: %s%n", old, promoted, senders.size(), millis(switched - start),
                wechat.answered(), wechat.longestMessage().toMillis(), wechat.retries(), lost);
        assertThat(wechat.wrongAnswers()).as("answers other than 503").isEmpty();
        assertThat(lost).as("each session counts exactly the messages answered: none lost, none twice").isEmpty();
    }

    @Test
    void theStoreReadsFromTheMasterOnlyEvenWhereTheApplicationReadsFromReplicas() {
        ReplicaReads.assertTheStoreReadsOnlyMasters(
                set.newConnectionFactory(client -> client.readFrom(ReadFrom.REPLICA)), set.replicas(),
                MutableClock.startingAt("2026-01-01T00:00:00Z"));
    }

    /** What {@link #failoverWhileSending()} saw. */
    private record FailoverWhileSending(RetryingWeChat wechat, String old, String promoted, long switched,
            long lastOnOld, int onNewInARow) {
    }

    /**
     * One sender's messages before, during and after {@code SENTINEL FAILOVER}, each checked for the
     * server it ran on, until five in a row ran on the new master; then the set is let settle (the
     * old master resyncs as a replica) and what reached the session is printed.
     */
    private FailoverWhileSending failoverWhileSending() throws InterruptedException {
        RetryingWeChat wechat = new RetryingWeChat(List.of(instance(store())), GIVE_UP);
        for (int i = 0; i < 20; i++) {
            assertThat(wechat.deliver(text("oAnn"))).isTrue();
        }
        String old = set.master();

        long start = System.nanoTime();
        String promoted = set.failover();
        long switched = System.nanoTime();
        long deadline = switched + GIVE_UP.toNanos();
        int onOld = 0;
        int onNewInARow = 0;
        long lastOnOld = switched;
        long oldDemoted = -1;
        while (onNewInARow < 5 && System.nanoTime() - deadline < 0) {
            long before = scriptCalls(old);
            assertThat(wechat.deliver(text("oAnn"))).as("answered").isTrue();
            if (scriptCalls(old) > before) {
                onOld++;
                onNewInARow = 0;
                lastOnOld = System.nanoTime();
            } else {
                onNewInARow++;
            }
            if (oldDemoted < 0 && "slave".equals(set.role(old))) {
                oldDemoted = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        set.awaitHealthy();
        long answered = wechat.answered();
        Object counted = store().getSession("oAnn").getAttribute("n");
        System.out.printf("SENTINEL FAILOVER %s -> %s: every sentinel named the new master after %d ms; %d of the"
                + " store's messages after that still ran on the old master, the last %d ms after the switch; the"
                + " old master %s; %d messages answered, the session counts %s (%s lost), 503s retried %s%n",
                old, promoted, millis(switched - start), onOld, millis(lastOnOld - switched),
                oldDemoted < 0 ? "was still a master then" : "became a replica " + millis(oldDemoted - switched)
                        + " ms after the switch",
                answered, counted, counted instanceof Integer n ? Long.toString(answered - n) : "?", wechat.retries());
        return new FailoverWhileSending(wechat, old, promoted, switched, lastOnOld, onNewInARow);
    }

    @Test
    void aKilledMasterMakesTheStoreAnswerUnavailableNeverWrongAndItRecoversAfterTheSwitch() throws Exception {
        RedisWxSessionStore store = store();
        RetryingWeChat wechat = new RetryingWeChat(List.of(instance(store)), GIVE_UP);
        for (int i = 0; i < 10; i++) {
            assertThat(wechat.deliver(text("oAnn"))).isTrue();
        }
        String old = set.master();
        set.awaitReplicated();

        long killed;
        long switched;
        OptionalLong recovered;
        try (StoreProbe probe = StoreProbe.start("sentinel", () -> counted(store, "oAnn", 10))) {
            killed = System.nanoTime();
            set.kill(old);
            switched = set.awaitSwitch(old, GIVE_UP);
            recovered = probe.awaitRightAfter(switched, GIVE_UP);
            System.out.printf("kill -9 of master %s: every sentinel named %s after %d ms; the store answered"
                    + " unavailable from %s ms after the kill and right again %s ms after the switch%n",
                    old, set.master(), millis(switched - killed),
                    probe.firstUnavailableAfter(killed).stream().mapToObj(at -> "" + millis(at - killed)).findFirst()
                            .orElse("(never)"),
                    recovered.stream().mapToObj(at -> "" + millis(at - switched)).findFirst().orElse("(not within 30 s)"));

            assertThat(probe.wrongAnswers()).as("answers neither right nor unavailable").isEmpty();
            assertThat(probe.firstUnavailableAfter(killed)).as("the outage was noticed").isPresent();
        } finally {
            set.restart(old);
        }

        assertThat(recovered).as("right again within %s after the switch, without a restart", GIVE_UP).isPresent();
        for (int i = 0; i < 5; i++) {
            assertThat(wechat.deliver(text("oAnn"))).isTrue();
        }
        assertThat(wechat.wrongAnswers()).isEmpty();
        assertThat(counted(store(), "oAnn", 15)).isNull();
    }

    /** Scripts run on {@code node} by clients (replication applies their effects, not the scripts). */
    private static long scriptCalls(String node) {
        Map<String, String> stats = Resp.fields(Resp.text(node, "INFO", "commandstats"));
        long calls = 0;
        for (String command : List.of("cmdstat_evalsha", "cmdstat_eval")) {
            String line = stats.get(command);
            if (line != null) {
                for (String field : line.split(",")) {
                    String[] pair = field.split("=");
                    if (pair[0].equals("calls") || pair[0].equals("rejected_calls") || pair[0].equals("failed_calls")) {
                        calls += Long.parseLong(pair[1]);
                    }
                }
            }
        }
        return calls;
    }

    /** {@code null} if {@code sender}'s session counts {@code expected} messages, else what it says instead. */
    private static String counted(RedisWxSessionStore store, String sender, int expected) {
        WxSession session = store.getSession(sender, false);
        if (session == null) {
            return "no session for " + sender;
        }
        Object n = session.getAttribute("n");
        return Integer.valueOf(expected).equals(n) ? null : sender + " counts " + n + ", not " + expected;
    }

    /** A store on its own factory, which follows the sentinels' switches as the starter makes it. */
    private RedisWxSessionStore store() {
        LettuceConnectionFactory factory = SENTINEL.newConnectionFactory();
        RedisWxSessionStore.Builder builder = RedisWxSessionStore.builder(factory).appId(APP);
        SentinelSwitchFollower.follow(factory).ifPresent(follower -> {
            followers.add(follower);
            builder.failoverFence(follower);
        });
        RedisWxSessionStore store = builder.build();
        stores.add(store);
        return store;
    }

    private WxMessageRouter instance(RedisWxSessionStore store) {
        WxMessageRouter router = RedisGateTestSupport.countingInstance(store);
        routers.add(router);
        return router;
    }

    private static WxXmlMessage text(String sender) {
        return RedisGateTestSupport.text(MSG_IDS.incrementAndGet(), sender, "n");
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
