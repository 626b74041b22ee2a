package io.github.wxsession.boot.emulator;

import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import io.github.wxsession.crypto.WxCryptError;
import io.github.wxsession.crypto.WxCryptException;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.message.WxMessageParseException;
import io.github.wxsession.message.WxXmlMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Plays WeChat's server toward the application's own callback, over real HTTP: builds the message
 * a user's action produces, encrypts it in safe mode (always for WeCom), posts it, and checks and
 * reads the reply the way WeChat would.
 *
 * <p>Like WeChat, it gives up on an attempt after {@link #WECHAT_TIMEOUT} or on any answer but
 * 200, and delivers the same message (same body, same MsgId, signed afresh) again, up to
 * {@link #WECHAT_RETRIES} times. That can take 20 s, so deliveries run in the background and
 * report into the user's {@link Inboxes feed} as they go: each retry, then the outcome (the
 * reply, nothing to show, or the error text WeChat shows the user).
 */
final class EmulatedWeChatServer implements AutoCloseable {

    /** WeChat waits this long for a callback, then gives up on the attempt. */
    static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

    /** How many times WeChat delivers a message again after a failed attempt. */
    static final int WECHAT_RETRIES = 3;

    /** All attempts of one message: the first and the retries. */
    static final int DELIVERIES = 1 + WECHAT_RETRIES;

    /** What WeChat shows the user when no attempt got a usable answer: "unavailable, try later". */
    static final String UNAVAILABLE = "该公众号暂时无法提供服务，请稍后再试";

    /** Deliveries under way at once; each holds a thread for up to its whole retry schedule. */
    static final int MAX_IN_FLIGHT = 32;

    private static final int MAX_ERROR_BODY_CHARS = 200;

    /** How often the emulated WeCom asks for an unfinished stream; WeCom's own interval is not documented. */
    static final Duration STREAM_POLL = Duration.ofMillis(300);

    private final HttpClient http;
    private final Clock clock;
    private final Inboxes inboxes;
    private final Duration timeout;
    private final ExecutorService deliveries;
    private final SecureRandom random = new SecureRandom();
    // Unique across restarts too, so a shared de-duplication store (Redis) never mistakes a new message for a retry.
    private final AtomicLong msgIds;

    EmulatedWeChatServer(Clock clock, Inboxes inboxes) {
        this(clock, inboxes, WECHAT_TIMEOUT);
    }

    /** @param timeout how long an attempt may take; WeChat's own except in tests that cannot wait 20 s */
    EmulatedWeChatServer(Clock clock, Inboxes inboxes, Duration timeout) {
        this.clock = clock;
        this.inboxes = inboxes;
        this.timeout = timeout;
        this.msgIds = new AtomicLong(clock.millis() * 1000);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        AtomicInteger threads = new AtomicInteger();
        // No queue: a delivery that cannot start now would miss WeChat's timing, so it is refused instead.
        this.deliveries = new ThreadPoolExecutor(0, MAX_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "wx-emulator-delivery-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * One message on its way, by its number: the MsgId of a text message; events, which have none,
     * are numbered from the same sequence.
     *
     * @param outcome the last attempt, once WeChat stops trying
     */
    record Delivery(long id, CompletableFuture<Exchange> outcome) {
    }

    /**
     * Starts delivering what {@code openid} did to {@code account}'s callback at {@code callback};
     * the attempts run in the background and report into {@code openid}'s feed.
     *
     * @param safe encrypt the message (ignored for WeCom, which always encrypts)
     * @throws EmulatorRequestException if safe mode is asked of an account without an AES key
     * @throws RejectedExecutionException if {@link #MAX_IN_FLIGHT} deliveries are under way, or after {@link #close()}
     */
    Delivery deliver(WxAccount account, String openid, PhoneAction action, boolean safe, URI callback) {
        Channel channel = account.type() == WxAccountType.AIBOT ? Channel.AIBOT
                : account.settings().messageFormat() == WxMessageFormat.JSON ? Channel.MINI_PROGRAM_JSON : Channel.XML;
        boolean weCom = account.apiType() == WxApiType.CP;
        boolean encrypted = weCom || safe;
        WxMessageCrypt crypt = account.crypt();
        if (encrypted && crypt == null) {
            throw new EmulatorRequestException("account '" + account.name() + "' has no EncodingAESKey, so it can only"
                    + " run in plain mode; set " + account.settings().property("aes-key") + " to try safe mode");
        }
        long id = msgIds.incrementAndGet();
        String toUserName = weCom ? account.appId() : originalId(account.appId());
        Integer agentId = weCom ? account.settings().agentId() : null;
        long now = clock.millis() / 1000;
        String plaintext = switch (channel) {
            case XML -> InboundXml.message(action, toUserName, openid, now, id, agentId);
            case MINI_PROGRAM_JSON -> InboundJson.miniProgram(action, toUserName, openid, now, id);
            case AIBOT -> InboundJson.aibot(action, account.appId(), openid, id, now);
        };
        // Encrypted once: every attempt carries the same body, as WeChat's retries do.
        String encrypt = encrypted ? crypt.encrypt(plaintext) : null;
        String body = encrypt == null ? plaintext : switch (channel) {
            case XML -> InboundXml.encrypted(toUserName, agentId, encrypt);
            case MINI_PROGRAM_JSON -> InboundJson.miniProgramEncrypted(toUserName, encrypt);
            case AIBOT -> InboundJson.aibotEncrypted(encrypt);
        };
        Message message = new Message(account, openid, channel, weCom, plaintext, body, encrypt, callback);
        Delivery delivery = new Delivery(id, new CompletableFuture<>());
        deliveries.execute(() -> run(message, delivery));
        return delivery;
    }

    /** Stops the deliveries under way: their threads are interrupted and report nothing more. */
    @Override
    public void close() {
        deliveries.shutdownNow();
    }

    /**
     * The original id ({@code gh_} and 12 hex digits) WeChat writes as {@code ToUserName}; derived
     * from the app id, so it stays the same across restarts.
     */
    static String originalId(String appId) {
        return "gh_" + WxSignatures.sha1Hex(appId).substring(0, 12);
    }

    /** How an account's callbacks are written: XML, a mini program's JSON, or the AI bot's. */
    private enum Channel {
        XML, MINI_PROGRAM_JSON, AIBOT
    }

    /** What is posted in every attempt; only the signature's timestamp and nonce change. */
    private record Message(WxAccount account, String openid, Channel channel, boolean weCom, String xml, String body,
            @Nullable String encrypt, URI callback) {
    }

    private void run(Message message, Delivery delivery) {
        try {
            Exchange exchange = post(message, 1);
            while (!exchange.delivered() && exchange.attempt() < DELIVERIES && !Thread.currentThread().isInterrupted()) {
                report(message, delivery, Inboxes.RETRY, exchange, "WeChat retried (" + (exchange.attempt() + 1) + "/"
                        + DELIVERIES + "): " + exchange.error());
                exchange = post(message, exchange.attempt() + 1);
            }
            if (!Thread.currentThread().isInterrupted()) {
                report(message, delivery, Inboxes.OUTCOME, exchange, exchange.error() == null ? null : UNAVAILABLE);
                followStream(message, delivery, exchange);
            }
            delivery.outcome().complete(exchange);
        } catch (RuntimeException e) {
            // A bug of the emulator's own: the page must still learn that this message is done.
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("delivery", delivery.id());
            fields.put("error", "the emulator failed while delivering: " + e);
            inboxes.add(message.account().appId(), message.openid(), Inboxes.OUTCOME, fields, clock.millis());
            delivery.outcome().completeExceptionally(e);
        }
    }

    /**
     * One entry in the user's feed: the attempt as {@link Exchange#toJson()} has it, the delivery's
     * number, and {@code text}: the note to show for a retry, WeChat's error text for an outcome
     * the user sees as an error, else {@code null}.
     */
    private void report(Message message, Delivery delivery, String kind, Exchange exchange, String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("delivery", delivery.id());
        fields.put("text", text);
        fields.putAll(exchange.toJson());
        inboxes.add(message.account().appId(), message.openid(), kind, fields, clock.millis());
    }

    /**
     * What WeCom does with an unfinished stream: asks for it again and again, each time with a new
     * refresh callback, until it is finished or its window is over. Each answer goes to the feed as
     * a {@code stream} entry, which the page shows as the bubble growing.
     */
    private void followStream(Message message, Delivery delivery, Exchange outcome) {
        BotMessage stream = outcome.replies().stream().filter(reply -> reply.streamId() != null).findFirst().orElse(null);
        long deadline = clock.millis() + WxStream.WINDOW.toMillis();
        while (stream != null && !stream.finished() && clock.millis() < deadline) {
            try {
                Thread.sleep(STREAM_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String streamId = stream.streamId();
            String refresh = InboundJson.aibotRefresh(message.account().appId(), message.openid(), streamId,
                    msgIds.incrementAndGet());
            String encrypt = message.account().crypt().encrypt(refresh);
            Message poll = new Message(message.account(), message.openid(), Channel.AIBOT, true, refresh,
                    InboundJson.aibotEncrypted(encrypt), encrypt, message.callback());
            Exchange answer = post(poll, 1);
            BotMessage next = answer.replies().stream().filter(reply -> streamId.equals(reply.streamId()))
                    .findFirst().orElse(null);
            report(message, delivery, Inboxes.STREAM, answer, answer.error());
            if (next == null) {
                return;
            }
            stream = next;
        }
    }

    /** Attempt number {@code attempt}: signed with a fresh timestamp and nonce, as WeChat signs each. */
    private Exchange post(Message message, int attempt) {
        URI url = URI.create(message.callback() + "?" + signedQuery(message));
        Exchange exchange = new Exchange(attempt, url.toString(), message.xml(), message.body());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", message.channel() == Channel.XML ? "text/xml" : "application/json")
                    .header("User-Agent", "Mozilla/4.0 (wx-session emulator)")
                    .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return exchange.failed(0, null, "no answer within " + describe(timeout));
        } catch (IOException e) {
            return exchange.failed(0, null, "could not reach the callback at " + url.getPath() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exchange.failed(0, null, "interrupted while waiting for the callback");
        }
        String body = response.body();
        if (response.statusCode() != 200) {
            return exchange.failed(response.statusCode(), body, "the callback answered HTTP " + response.statusCode()
                    + (body.isBlank() ? "" : ": " + abbreviate(body.strip())));
        }
        if (body.isBlank() || body.strip().equals("success")) {
            // WeChat's "nothing to say": no bubble.
            return exchange.answered(body, null, List.of());
        }
        try {
            WxMessageCrypt crypt = message.account().crypt();
            if (message.channel() == Channel.AIBOT) {
                String reply = JsonReplies.openAibot(crypt, body);
                return exchange.answered(body, reply, JsonReplies.aibotBubbles(reply));
            }
            if (message.channel() == Channel.MINI_PROGRAM_JSON) {
                String reply = message.encrypt() == null ? body : JsonReplies.openMiniProgram(crypt, body);
                return exchange.answered(body, reply, JsonReplies.miniProgramBubbles(reply));
            }
            String replyXml = message.encrypt() == null ? body : decryptReply(crypt, body);
            return exchange.answered(body, replyXml, List.of(BotMessage.fromReplyXml(WxXmlMessage.fromXml(replyXml))));
        } catch (WxMessageParseException e) {
            return exchange.failed(200, body, "the reply is not a WeChat message: " + e.getMessage());
        } catch (WxCryptException e) {
            return exchange.failed(200, body, "WeChat would reject the encrypted reply: " + e.getMessage());
        }
    }

    private String signedQuery(Message message) {
        String token = message.account().settings().token();
        String timestamp = Long.toString(clock.millis() / 1000);
        String nonce = Long.toString(100_000_000L + random.nextInt(900_000_000));
        StringBuilder query = new StringBuilder();
        if (!message.weCom()) {
            // Official Accounts sign every POST with the plain signature and name the sender.
            query.append("signature=").append(WxSignatures.sortedSha1(token, timestamp, nonce))
                    .append("&timestamp=").append(timestamp).append("&nonce=").append(nonce)
                    .append("&openid=").append(URLEncoder.encode(message.openid(), StandardCharsets.UTF_8));
        } else {
            query.append("timestamp=").append(timestamp).append("&nonce=").append(nonce);
        }
        if (message.encrypt() != null) {
            if (!message.weCom()) {
                query.append("&encrypt_type=aes");
            }
            query.append("&msg_signature=")
                    .append(WxSignatures.sortedSha1(token, timestamp, nonce, message.encrypt()));
        }
        return query.toString();
    }

    /** Checks the reply envelope's msg_signature and decrypts it, as WeChat does before showing it. */
    private static String decryptReply(WxMessageCrypt crypt, String body) {
        WxXmlMessage envelope = WxXmlMessage.fromXml(body);
        if (envelope.getEncrypt() == null) {
            throw new WxCryptException(WxCryptError.PARSE_XML,
                    "an encrypted message was answered in plaintext");
        }
        return crypt.decryptMessage(envelope.get("MsgSignature"), envelope.get("TimeStamp"), envelope.get("Nonce"),
                envelope.getEncrypt());
    }

    /** "5 s" for WeChat's timeout, "200 ms" for a test's. */
    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "…";
    }
}
