package io.github.wxsession.benchmarks.accounts;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.crypto.WxSignatures;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Heap per account (issue 19: under 5 MB for 1,000 accounts that each received one message).
 * Not a test: a measurement, run on demand.
 *
 * <p>Starts {@link ManyAccountsApplication} (embedded Tomcat, memory mode, accounts from a
 * repository), warms the path up with one account, then measures the heap used after full
 * collections before and after {@code -Daccounts} (1,000) further accounts each receive one signed
 * text message over loopback HTTP: each is read from the repository, gets its crypto, token
 * storage, API client, session store, gate and router, and keeps one session. Prints the growth in
 * total and per account, and the live threads before and after (all accounts share one HTTP
 * client and one async executor, so the count should not move).
 *
 * <p>Run: {@code scripts/accounts-footprint.sh}; {@code -Dhold=60} keeps the JVM up a minute after
 * measuring, for {@code jcmd <pid> GC.class_histogram}.
 */
public final class AccountsFootprint {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    private AccountsFootprint(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("accounts", 1000);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ManyAccountsApplication.class)
                .properties(Map.of("server.port", "0", "logging.level.io.github.wxsession", "WARN"))
                .run(args)) {
            AccountsFootprint bench = new AccountsFootprint(
                    Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
            WxAccounts registry = app.getBean(WxAccounts.class);
            for (int i = 0; i < 50; i++) {
                bench.send("warm" + i, "o" + i);
            }
            bench.send(ManyAccountsApplication.PREFIX + "warm", "o1");
            long before = usedAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            for (int i = 0; i < accounts; i++) {
                bench.send(ManyAccountsApplication.PREFIX + i, "o" + i);
            }
            long after = usedAfterGc();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            System.out.printf("java %s, %d cores, max heap %d MB%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("accounts in use: %d; heap used after GC: %.1f MB before, %.1f MB after%n",
                    registry.all().size(), before / 1e6, after / 1e6);
            System.out.printf("growth for %d accounts that each received one message: %.2f MB, %d bytes per account%n",
                    accounts, (after - before) / 1e6, (after - before) / accounts);
            System.out.printf("live threads: %d before, %d after%n", threadsBefore, threadsAfter);
            // -Dhold=<seconds>: time to take a heap histogram (jcmd <pid> GC.class_histogram) of the accounts.
            Thread.sleep(Long.getLong("hold", 0L) * 1000);
        }
    }

    /** One plain text message to the account's callback; fails unless it was answered with a reply. */
    private void send(String appId, String user) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(System.nanoTime());
        String signature = WxSignatures.sortedSha1(ManyAccountsApplication.TOKEN, timestamp, nonce);
        String xml = "<xml><ToUserName><![CDATA[" + appId + "]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hi]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
        URI uri = URI.create("http://127.0.0.1:" + port + "/wx/callback/" + appId + "?signature=" + signature
                + "&timestamp=" + timestamp + "&nonce=" + nonce);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        boolean expected = appId.startsWith(ManyAccountsApplication.PREFIX)
                ? response.statusCode() == 200 && response.body().contains("from " + appId)
                : response.statusCode() == 404;
        if (!expected) {
            throw new IllegalStateException(appId + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
