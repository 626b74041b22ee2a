package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.test.Latches;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat's delivery schedule against a real callback over loopback HTTP that answers slowly, with
 * an error, or at last: how many attempts, what each carries, and what the user's feed shows.
 * WeChat's 5 s timeout is shortened so that a test of four attempts does not take 20 s.
 */
class EmulatedWeChatServerTest {

    /** Room for a loaded build machine to answer an attempt that should succeed. */
    private static final Duration GENEROUS = Duration.ofSeconds(1);
    /** For attempts that all time out anyway. */
    private static final Duration SHORT = Duration.ofMillis(150);
    private static final String TOKEN = "emu-token";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wxRetry0001";
    private static final WxAccount ACCOUNT = new WxAccount(new WxAccountSettings("default", "wx", WxAccountType.MP,
            APP_ID, "secret", TOKEN, AES_KEY, null, null, false, WxMessageFormat.XML), null, null, null);

    private final Inboxes inboxes = new Inboxes();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Consumer<HttpExchange>> script = new CopyOnWriteArrayList<>();
    // Opened after each test, so answers that hang let their threads go.
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer callback;
    private EmulatedWeChatServer weChat;

    /** One attempt as the callback saw it. */
    private record Request(Map<String, String> query, String body) {
    }

    @BeforeEach
    void startCallback() throws IOException {
        callback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        callback.setExecutor(serverThreads);
        callback.createContext("/wx/callback", exchange -> {
            requests.add(new Request(query(exchange.getRequestURI()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            // The n-th request gets the n-th answer of the script; the last one repeats.
            script.get(Math.min(requests.size(), script.size()) - 1).accept(exchange);
        });
        callback.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (weChat != null) {
            weChat.close();
        }
        callback.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void anAttemptWithoutAnAnswerInTimeIsRetriedWithTheSameMessageAndTheReplyOfTheRetryShows() throws Exception {
        answers(hang(), reply(textReply("Thought for 8 s.")));

        Exchange outcome = deliver(GENEROUS, text("think"), false);

        assertThat(outcome.attempt()).isEqualTo(2);
        assertThat(outcome.replies()).extracting(BotMessage::text).containsExactly("Thought for 8 s.");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).as("the same body").isEqualTo(requests.get(0).body());
        long msgId = WxXmlMessage.fromXml(outcome.requestXml()).getMsgId();
        assertThat(requests).extracting(r -> WxXmlMessage.fromXml(r.body()).getMsgId()).containsOnly(msgId);
        assertThat(requests.get(1).query().get("nonce")).as("signed afresh").isNotEqualTo(requests.get(0).query()
                .get("nonce"));
        requests.forEach(r -> assertThat(r.query().get("signature")).isEqualTo(WxSignatures.sortedSha1(TOKEN,
                r.query().get("timestamp"), r.query().get("nonce"))));
        assertThat(feed()).extracting(item -> item.kind() + ": " + item.fields().get("text")).containsExactly(
                "retry: WeChat retried (2/4): no answer within 1 s",
                "outcome: null");
    }

    @Test
    void fourFailedAttemptsEndInTheErrorTextWeChatShowsTheUser() throws Exception {
        answers(status(503, "sender-busy"));

        Exchange outcome = deliver(GENEROUS, text("think 25"), false);

        assertThat(requests).as("the first delivery and three retries").hasSize(4);
        assertThat(requests).extracting(Request::body).containsOnly(requests.get(0).body());
        assertThat(outcome.attempt()).isEqualTo(4);
        assertThat(outcome.error()).isEqualTo("the callback answered HTTP 503: sender-busy");
        assertThat(feed()).extracting(item -> item.kind() + ": " + item.fields().get("text")).containsExactly(
                "retry: WeChat retried (2/4): the callback answered HTTP 503: sender-busy",
                "retry: WeChat retried (3/4): the callback answered HTTP 503: sender-busy",
                "retry: WeChat retried (4/4): the callback answered HTTP 503: sender-busy",
                "outcome: 该公众号暂时无法提供服务，请稍后再试");
        assertThat(feed()).extracting(item -> item.fields().get("attempt")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void attemptsThatAllTimeOutAreFourAndEndInTheErrorText() throws Exception {
        answers(hang());

        Exchange outcome = deliver(SHORT, text("think 25"), false);

        assertThat(requests).hasSize(4);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.error()).isEqualTo("no answer within 150 ms");
        assertThat(feed()).extracting(Inboxes.Item::kind).containsExactly("retry", "retry", "retry", "outcome");
        assertThat(feed().get(3).fields().get("text")).isEqualTo(EmulatedWeChatServer.UNAVAILABLE);
    }

    @Test
    void successStopsTheRetriesWithNothingToShow() throws Exception {
        answers(status(500, "handler-failed"), reply("success"));

        Exchange outcome = deliver(GENEROUS, text("hello"), false);

        assertThat(requests).hasSize(2);
        assertThat(outcome.attempt()).isEqualTo(2);
        assertThat(outcome.replies()).isEmpty();
        assertThat(outcome.error()).isNull();
        assertThat(feed()).extracting(Inboxes.Item::kind).containsExactly("retry", "outcome");
        assertThat(feed().get(1).fields().get("text")).as("no error for the user").isNull();
    }

    @Test
    void anEmptyAnswerAlsoMeansNothingToShowAndIsNotRetried() throws Exception {
        answers(reply(""));

        Exchange outcome = deliver(GENEROUS, text("hello"), false);

        assertThat(requests).hasSize(1);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.replies()).isEmpty();
    }

    @Test
    void anAnswerWeChatCannotUseIsNotRetriedButTheUserSeesTheError() throws Exception {
        answers(reply("{\"reply\":\"json is not a WeChat reply\"}"));

        Exchange outcome = deliver(GENEROUS, text("hello"), false);

        assertThat(requests).hasSize(1);
        assertThat(outcome.error()).startsWith("the reply is not a WeChat message");
        assertThat(feed()).singleElement().satisfies(item ->
                assertThat(item.fields().get("text")).isEqualTo(EmulatedWeChatServer.UNAVAILABLE));
    }

    @Test
    void inSafeModeEveryAttemptCarriesTheSameCiphertextUnderItsOwnSignature() throws Exception {
        answers(status(503, "in-progress"), reply("success"));

        deliver(GENEROUS, new PhoneAction(PhoneAction.Kind.SUBSCRIBE, null, null), true);

        WxMessageCrypt crypt = WxMessageCrypt.of(TOKEN, AES_KEY, APP_ID);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        List<String> plaintexts = new ArrayList<>();
        for (Request request : requests) {
            assertThat(request.query()).containsEntry("encrypt_type", "aes");
            plaintexts.add(crypt.decryptMessage(request.query().get("msg_signature"), request.query().get("timestamp"),
                    request.query().get("nonce"), WxXmlMessage.fromXml(request.body()).getEncrypt()));
        }
        assertThat(plaintexts.get(1)).isEqualTo(plaintexts.get(0)).contains("<Event><![CDATA[subscribe]]></Event>");
    }

    @Test
    void closingStopsADeliveryThatIsWaitingAndRefusesNewOnes() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        answers(exchange -> {
            arrived.countDown();
            hang().accept(exchange);
        });
        weChat = new EmulatedWeChatServer(Clock.systemUTC(), inboxes, Duration.ofSeconds(30));
        EmulatedWeChatServer.Delivery delivery = weChat.deliver(ACCOUNT, "oUser-alice", text("think 60"), false,
                callbackUri());
        Latches.await(arrived);

        weChat.close();

        assertThat(delivery.outcome().get(10, TimeUnit.SECONDS).error()).contains("interrupted");
        assertThat(requests).hasSize(1);
        assertThat(feed()).as("a closing emulator reports nothing").isEmpty();
        assertThatThrownBy(() -> weChat.deliver(ACCOUNT, "oUser-alice", text("hi"), false, callbackUri()))
                .isInstanceOf(RejectedExecutionException.class);
    }

    private Exchange deliver(Duration timeout, PhoneAction action, boolean safe) throws Exception {
        weChat = new EmulatedWeChatServer(Clock.systemUTC(), inboxes, timeout);
        EmulatedWeChatServer.Delivery delivery = weChat.deliver(ACCOUNT, "oUser-alice", action, safe, callbackUri());
        Exchange outcome = delivery.outcome().get(20, TimeUnit.SECONDS);
        assertThat(feed()).allSatisfy(item -> assertThat(item.fields().get("delivery")).isEqualTo(delivery.id()));
        return outcome;
    }

    private List<Inboxes.Item> feed() {
        return inboxes.after(0, APP_ID, "oUser-alice");
    }

    private URI callbackUri() {
        return URI.create("http://127.0.0.1:" + callback.getAddress().getPort() + "/wx/callback");
    }

    private static PhoneAction text(String content) {
        return new PhoneAction(PhoneAction.Kind.TEXT, content, null);
    }

    @SafeVarargs
    private void answers(Consumer<HttpExchange>... answers) {
        script.addAll(List.of(answers));
    }

    /** Answers only once the test is over: the emulator's timeout ends the attempt. */
    private Consumer<HttpExchange> hang() {
        return exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private static Consumer<HttpExchange> status(int status, String body) {
        return exchange -> respond(exchange, status, body);
    }

    private static Consumer<HttpExchange> reply(String body) {
        return exchange -> respond(exchange, 200, body);
    }

    /** A passive text reply from the account to the sender, in plaintext. */
    private static String textReply(String content) {
        return "<xml><ToUserName><![CDATA[oUser-alice]]></ToUserName><FromUserName><![CDATA["
                + EmulatedWeChatServer.originalId(APP_ID) + "]]></FromUserName><CreateTime>1700000000</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content></xml>";
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // The emulator gave up on the attempt first; nothing to answer.
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
