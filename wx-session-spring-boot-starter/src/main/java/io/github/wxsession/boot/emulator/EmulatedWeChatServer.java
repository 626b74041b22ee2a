package io.github.wxsession.boot.emulator;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays WeChat's server toward the application's own callback, over real HTTP: builds the message
 * a user's action produces, signs it with a fresh timestamp and nonce, encrypts it in safe mode
 * (always for WeCom), posts it, and checks and reads the reply the way WeChat would.
 */
final class EmulatedWeChatServer {

    /** WeChat waits this long for a callback, then gives up on the attempt. */
    static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_ERROR_BODY_CHARS = 200;

    private final HttpClient http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // Unique across restarts too, so a shared de-duplication store (Redis) never mistakes a new message for a retry.
    private final AtomicLong msgIds;

    EmulatedWeChatServer(Clock clock) {
        this.clock = clock;
        this.msgIds = new AtomicLong(clock.millis() * 1000);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Delivers what {@code openid} did to {@code account}'s callback at {@code callback}.
     *
     * @param safe encrypt the message (ignored for WeCom, which always encrypts)
     * @throws EmulatorRequestException if safe mode is asked of an account without an AES key
     */
    Exchange deliver(WxAccount account, String openid, PhoneAction action, boolean safe, URI callback) {
        boolean weCom = account.type() == WxApiType.CP;
        boolean encrypted = weCom || safe;
        WxMessageCrypt crypt = account.crypt();
        if (encrypted && crypt == null) {
            throw new EmulatorRequestException("account '" + account.name() + "' has no EncodingAESKey, so it can only"
                    + " run in plain mode; set " + account.settings().property("aes-key") + " to try safe mode");
        }
        String token = account.settings().token();
        String timestamp = Long.toString(clock.millis() / 1000);
        String nonce = Long.toString(100_000_000L + random.nextInt(900_000_000));
        String toUserName = weCom ? account.appId() : originalId(account.appId());
        Integer agentId = weCom ? account.settings().agentId() : null;
        String xml = InboundXml.message(action, toUserName, openid, Long.parseLong(timestamp),
                msgIds.incrementAndGet(), agentId);

        StringBuilder query = new StringBuilder();
        String body = xml;
        if (!weCom) {
            // Official Accounts sign every POST with the plain signature and name the sender.
            query.append("signature=").append(WxSignatures.sortedSha1(token, timestamp, nonce))
                    .append("&timestamp=").append(timestamp).append("&nonce=").append(nonce)
                    .append("&openid=").append(encode(openid));
        } else {
            query.append("timestamp=").append(timestamp).append("&nonce=").append(nonce);
        }
        if (encrypted) {
            String encrypt = crypt.encrypt(xml);
            if (!weCom) {
                query.append("&encrypt_type=aes");
            }
            query.append("&msg_signature=").append(WxSignatures.sortedSha1(token, timestamp, nonce, encrypt));
            body = InboundXml.encrypted(toUserName, agentId, encrypt);
        }
        URI url = URI.create(callback + "?" + query);
        Exchange exchange = new Exchange(url.toString(), xml, body);
        return post(exchange, url, encrypted ? crypt : null);
    }

    /**
     * The original id ({@code gh_} and 12 hex digits) WeChat writes as {@code ToUserName}; derived
     * from the app id, so it stays the same across restarts.
     */
    static String originalId(String appId) {
        return "gh_" + WxSignatures.sha1Hex(appId).substring(0, 12);
    }

    private Exchange post(Exchange exchange, URI url, WxMessageCrypt crypt) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(WECHAT_TIMEOUT)
                    .header("Content-Type", "text/xml")
                    .header("User-Agent", "Mozilla/4.0 (wx-session emulator)")
                    .POST(HttpRequest.BodyPublishers.ofString(exchange.requestBody(), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return exchange.failed(0, null, "no answer within " + WECHAT_TIMEOUT.toSeconds()
                    + " s: WeChat would give up on this attempt and retry");
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
            String replyXml = crypt == null ? body : decryptReply(crypt, body);
            return exchange.answered(body, replyXml, List.of(BotMessage.fromReplyXml(WxXmlMessage.fromXml(replyXml))));
        } catch (WxMessageParseException e) {
            return exchange.failed(200, body, "the reply is not a WeChat message: " + e.getMessage());
        } catch (WxCryptException e) {
            return exchange.failed(200, body, "WeChat would reject the encrypted reply: " + e.getMessage());
        }
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

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
