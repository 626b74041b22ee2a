package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulator against a client that really is on another host: the app runs in a network
 * namespace of its own, the client in a second one, joined by a veth pair; both namespaces and
 * their addresses are this test's and are deleted afterwards. The client forges every forwarding
 * header and a loopback Host, under both of Spring Boot's forward-headers strategies, and must be
 * refused (403) on the page, the send endpoint and the fake API's {@code jscode2session}, while
 * a client on the app's own loopback is served. Skipped, saying why, where namespaces cannot be
 * made (not root, no iproute2, a sandbox without CAP_NET_ADMIN).
 */
class EmulatorNetworkTest {

    private static final int PORT = 18_000 + ThreadLocalRandom.current().nextInt(2_000);
    private static final String SUFFIX = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    private static final String SERVER_NS = "wxemu-s" + SUFFIX;
    private static final String CLIENT_NS = "wxemu-c" + SUFFIX;
    private static final int SUBNET = ThreadLocalRandom.current().nextInt(1, 250);
    private static final String SERVER_ADDRESS = "10.231." + SUBNET + ".1";
    private static final String CLIENT_ADDRESS = "10.231." + SUBNET + ".2";
    /**
     * What an attacker would send: each set claims loopback in the headers a forwarding strategy
     * consumes (and so hides from the application afterwards), with a loopback Host.
     */
    private static final List<String[]> FORGERIES = List.of(
            new String[] {"-H", "Host: localhost", "-H", "X-Forwarded-For: 127.0.0.1"},
            new String[] {"-H", "Host: localhost", "-H", "X-Forwarded-For: 127.0.0.1",
                "-H", "X-Forwarded-Host: localhost", "-H", "X-Forwarded-Proto: http"},
            new String[] {"-H", "Host: localhost", "-H", "Forwarded: for=127.0.0.1;host=localhost"},
            new String[] {"-H", "Host: localhost", "-H", "X-Forwarded-For: 127.0.0.1", "-H", "X-Real-IP: 127.0.0.1",
                "-H", "X-Forwarded-Host: localhost", "-H", "Forwarded: for=127.0.0.1;host=localhost"});

    private static boolean created;

    @BeforeAll
    static void createNamespaces() throws Exception {
        String why = canCreateNamespaces();
        if (why != null) {
            System.out.println("EmulatorNetworkTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        created = true;
        String serverVeth = "wxs" + SUFFIX;
        String clientVeth = "wxc" + SUFFIX;
        run("ip", "netns", "add", SERVER_NS);
        run("ip", "netns", "add", CLIENT_NS);
        run("ip", "link", "add", serverVeth, "type", "veth", "peer", "name", clientVeth);
        run("ip", "link", "set", serverVeth, "netns", SERVER_NS);
        run("ip", "link", "set", clientVeth, "netns", CLIENT_NS);
        run("ip", "-n", SERVER_NS, "addr", "add", SERVER_ADDRESS + "/30", "dev", serverVeth);
        run("ip", "-n", CLIENT_NS, "addr", "add", CLIENT_ADDRESS + "/30", "dev", clientVeth);
        for (String ns : new String[] {SERVER_NS, CLIENT_NS}) {
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", SERVER_NS, "link", "set", serverVeth, "up");
        run("ip", "-n", CLIENT_NS, "link", "set", clientVeth, "up");
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (created) {
            // Deleting a namespace deletes the veth end inside it, and so the pair.
            runQuietly("ip", "netns", "del", CLIENT_NS);
            runQuietly("ip", "netns", "del", SERVER_NS);
        }
    }

    @ParameterizedTest(name = "forward-headers-strategy={0}")
    @ValueSource(strings = {"framework", "native"})
    void aClientOnAnotherHostIsRefusedWhateverItForgesAndTheAppsOwnLoopbackIsServed(String strategy)
            throws Exception {
        Process app = startApp(strategy);
        try {
            String remote = "http://" + SERVER_ADDRESS + ":" + PORT;
            String local = "http://127.0.0.1:" + PORT;
            awaitUp(local + "/wx-emulator/config");

            for (String[] forged : FORGERIES) {
                String headers = String.join(" ", forged);
                assertThat(curl(CLIENT_NS, remote + "/wx-emulator/config", forged)).as("the page, %s", headers)
                        .isEqualTo("403");
                assertThat(curl(CLIENT_NS, remote + "/wx-emulator/api/sns/jscode2session?appid=wxNet"
                        + "&secret=net-secret&js_code=emu-oVictim&grant_type=authorization_code", forged))
                        .as("the fake login, %s", headers).isEqualTo("403");
                assertThat(curl(CLIENT_NS, remote + "/wx-emulator/send", concat(forged, "-H",
                        "Content-Type: application/json", "--data", "{\"account\":\"wxNet\",\"openid\":\"oVictim\","
                                + "\"kind\":\"text\",\"content\":\"count\",\"mode\":\"plain\"}")))
                        .as("a message sent as another user, %s", headers).isEqualTo("403");
            }

            assertThat(curl(SERVER_NS, local + "/wx-emulator/config")).as("the developer's own browser")
                    .isEqualTo("200");
            assertThat(curl(SERVER_NS, local + "/wx-emulator/inbox?openid=oVictim&after=0")).isEqualTo("200");
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static Process startApp(String strategy) throws IOException {
        Path log = Files.createTempFile("wx-emulator-" + strategy, ".log");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", SERVER_NS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EmulatorServer.class.getName(),
                "--server.port=" + PORT,
                "--server.forward-headers-strategy=" + strategy,
                "--wx.api.base-url=http://127.0.0.1:" + PORT + "/wx-emulator/api/"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitUp(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"200".equals(curl(SERVER_NS, url))) {
            assertThat(System.nanoTime()).as("the app answered within 60 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The status code {@code curl} got inside namespace {@code ns}; {@code 000} when it could not connect. */
    private static String curl(String ns, String url, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "5"));
        command.addAll(List.of(options));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        curl.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Why namespaces cannot be used here, or {@code null} if they can. */
    private static String canCreateNamespaces() {
        try {
            if (!"0".equals(output("id", "-u"))) {
                return "network namespaces need root";
            }
            if (output("curl", "--version").isEmpty()) {
                return "curl is missing";
            }
            String probe = "wxemu-p" + SUFFIX;
            Process add = new ProcessBuilder("ip", "netns", "add", probe).redirectErrorStream(true).start();
            String error = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (add.waitFor() != 0) {
                return "ip netns add failed: " + error;
            }
            runQuietly("ip", "netns", "del", probe);
            return null;
        } catch (IOException | InterruptedException e) {
            return "iproute2 is not usable: " + e.getMessage();
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.waitFor() == 0 ? out : "";
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void runQuietly(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
}
