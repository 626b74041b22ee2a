package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.RedisServerProcess;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.test.WeChatCallbackClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The sample in its redis profile as a separate JVM, killed with SIGKILL while players are
 * mid-game and started again: every move the callback confirmed (200) is still in the session.
 */
class RedisCrashRecoveryTest {

    private static final int PLAYERS = 8;

    private final List<Process> apps = new ArrayList<>();
    private RedisServerProcess redis;

    @AfterEach
    void stop() {
        apps.forEach(Process::destroyForcibly);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void movesConfirmedBeforeAKillSurviveIt() throws Exception {
        redis = RedisServerProcess.start();
        int port = freePort();
        Process app = startApp(port);
        WeChatCallbackClient weChat = new WeChatCallbackClient(port, "/wx/callback", "sample-token");
        awaitReady(weChat);

        // Each player starts a game, then keeps guessing 101 (always "Smaller") until the kill.
        Map<String, AtomicInteger> confirmed = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch playing = new CountDownLatch(PLAYERS * 5);
        ExecutorService players = Executors.newFixedThreadPool(PLAYERS);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < PLAYERS; p++) {
            String player = "oCrash" + p;
            confirmed.put(player, new AtomicInteger());
            done.add(players.submit(() -> {
                assertThat(weChat.postPlain(WeChatCallbackClient.text(player, "guess")).statusCode()).isEqualTo(200);
                while (!killed.get()) {
                    try {
                        HttpResponse<String> answer = weChat.postPlain(WeChatCallbackClient.text(player, "101"));
                        if (answer.statusCode() == 200 && answer.body().contains("Smaller")) {
                            confirmed.get(player).incrementAndGet();
                            playing.countDown();
                        }
                    } catch (IOException connectionLost) {
                        return null;
                    }
                }
                return null;
            }));
        }
        assertThat(playing.await(60, TimeUnit.SECONDS)).isTrue();
        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no flush
        killed.set(true);
        for (Future<?> player : done) {
            player.get(30, TimeUnit.SECONDS);
        }
        players.shutdown();

        Process restarted = startApp(port);
        awaitReady(weChat);
        assertThat(restarted.isAlive()).isTrue();

        LettuceConnectionFactory connections = redis.newConnectionFactory();
        try {
            RedisWxSessionStore store = RedisWxSessionStore.builder(connections).appId("wx-sample-app").build();
            for (Map.Entry<String, AtomicInteger> player : confirmed.entrySet()) {
                WxSession session = store.getSession(player.getKey(), false);
                assertThat(session).as(player.getKey()).isNotNull();
                int tries = (Integer) session.getAttribute("tries");
                // Every confirmed move was saved; at most the one in flight at the kill was saved unconfirmed.
                assertThat(tries).as(player.getKey()).isBetween(player.getValue().get(), player.getValue().get() + 1);
            }
        } finally {
            connections.destroy();
        }
    }

    private Process startApp(int port) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("sample-", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, SampleApplication.class.getName(),
                "--spring.profiles.active=redis", "--server.port=" + port,
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        apps.add(process);
        return process;
    }

    /** Polls until the app answers; a fresh JVM needs a few seconds and both of this machine's cores. */
    private static void awaitReady(WeChatCallbackClient weChat) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (weChat.postPlain(WeChatCallbackClient.text("oProbe", "ping")).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("the sample did not start within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
