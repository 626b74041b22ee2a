package io.github.wxsession.benchmarks.async;

import io.github.wxsession.boot.autoconfigure.WxRouterProperties;
import io.github.wxsession.boot.routing.WxAsyncExecutors;
import io.github.wxsession.crypto.WxSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The async bar of design §5: "200 async handlers that each wait 1 s on I/O finish in well under
 * 5 s on default settings". Not a test: a measurement, run on demand.
 *
 * <p>Starts {@link AsyncReplyApplication} (embedded Tomcat, the starter's callback, one account,
 * default {@code wx.router.*}) and {@link SlowUpstream} on loopback. Each round, 200 users that
 * have not written before each send {@code later} at once (signed callback POSTs, all in flight
 * together); every message matches an async handler that waits 1 s on an HTTP call and then
 * replies through the customer-service API. A round's time runs from the first POST sent to the
 * last reply received by that API. One warm-up round first, then {@code -Drounds} (5) measured
 * ones; the median is printed. Any argument is passed to Spring Boot, e.g.
 * {@code --spring.threads.virtual.enabled=true} or {@code --wx.router.async-concurrency=4}.
 *
 * <p>Run: {@code scripts/async-capacity.sh}, or by hand on the module's classpath:
 * {@code java -cp <classpath> io.github.wxsession.benchmarks.async.AsyncCapacity [--spring args]}
 */
public final class AsyncCapacity {

    private static final int USERS = 200;
    private static final Duration WORK = Duration.ofSeconds(1);
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(120);
    private static final String TOKEN = "bench-token";
    private static final Pattern TO_USER = Pattern.compile("\"touser\"\\s*:\\s*\"([^\"]+)\"");

    private final SlowUpstream upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI callback;
    private int nextUser;

    private AsyncCapacity(SlowUpstream upstream, int port) {
        this.upstream = upstream;
        this.callback = URI.create("http://127.0.0.1:" + port + "/wx/callback");
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 5);
        int warmups = Integer.getInteger("warmups", 1);
        try (SlowUpstream upstream = new SlowUpstream(WORK);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(AsyncReplyApplication.class)
                        .properties(defaults(upstream)).run(args)) {
            WxRouterProperties router = app.getBean(WxRouterProperties.class);
            System.out.printf("java %s, %d cores; async-concurrency %d, queue %d, virtual threads %b%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), router.getAsyncConcurrency(),
                    router.getAsyncQueueCapacity(), WxAsyncExecutors.virtualThreadsActive(app.getEnvironment()));
            AsyncCapacity bench = new AsyncCapacity(upstream,
                    Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
            for (int i = 0; i < warmups; i++) {
                System.out.println("warm-up: " + bench.round());
            }
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Round round = bench.round();
                System.out.println("round " + (i + 1) + ": " + round);
                millis.add(round.allRepliedMillis());
            }
            millis.sort(null);
            if (!millis.isEmpty()) {
                System.out.printf("median of %d rounds: %d ms until all %d replies arrived; rounds %s%n",
                        millis.size(), millis.get(millis.size() / 2), USERS, millis);
            }
            System.out.println("a handler ran on " + AsyncReplyApplication.SlowLookupHandler.FIRST_THREAD.get());
        }
    }

    private static Map<String, Object> defaults(SlowUpstream upstream) {
        return Map.of("server.port", "0", "spring.main.banner-mode", "off", "logging.level.root", "warn",
                "wx.app-id", "wx-bench-app", "wx.secret", "bench-secret", "wx.token", TOKEN,
                "wx.api.base-url", upstream.apiBaseUrl(), "bench.lookup-uri", upstream.lookupUri().toString());
    }

    /**
     * @param callbacksMillis until every callback POST was answered
     * @param allRepliedMillis until the last reply reached the customer-service API
     */
    record Round(long callbacksMillis, long allRepliedMillis) {
        @Override
        public String toString() {
            return "all " + USERS + " callbacks answered in " + callbacksMillis + " ms, all replies arrived in "
                    + allRepliedMillis + " ms";
        }
    }

    private Round round() throws Exception {
        Set<String> users = new HashSet<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = "oBenchUser" + nextUser++;
            users.add(user);
            requests.add(signedText(user, nextUser));
        }
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpRequest request : requests) {
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("a callback was answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        long callbacksAnswered = System.nanoTime();
        long last = start;
        for (int i = 0; i < USERS; i++) {
            SlowUpstream.Arrival reply = upstream.nextReply(ROUND_LIMIT);
            if (reply == null) {
                throw new IllegalStateException("only " + i + " of " + USERS + " replies within " + ROUND_LIMIT);
            }
            Matcher to = TO_USER.matcher(reply.body());
            if (!to.find() || !users.remove(to.group(1))) {
                throw new IllegalStateException("a reply to no user of this round: " + reply.body());
            }
            last = Math.max(last, reply.nanos());
        }
        return new Round((callbacksAnswered - start) / 1_000_000, (last - start) / 1_000_000);
    }

    /** A plain-mode callback as WeChat sends it: {@code later} from {@code user}, signed with the token. */
    private HttpRequest signedText(String user, long msgId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(msgId * 7919);
        String signature = WxSignatures.sortedSha1(TOKEN, timestamp, nonce);
        String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[later]]></Content><MsgId>" + (9_000_000_000L + msgId) + "</MsgId></xml>";
        return HttpRequest.newBuilder(URI.create(callback + "?signature=" + signature + "&timestamp=" + timestamp
                + "&nonce=" + nonce)).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
    }
}
