package io.github.wxsession.boot.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One delivery attempt of a message to the callback and what came back, as the page shows it:
 * the bubbles, or why there are none, and the XML on both sides for the curious.
 *
 * @param attempt which delivery of the message this was, from 1
 * @param callbackUrl where it was posted, query included (each attempt is signed afresh)
 * @param requestXml the message in plaintext, the same in every attempt
 * @param requestBody what was posted: the plaintext, or the encrypted envelope
 * @param status the callback's HTTP status; 0 when it did not answer
 * @param responseBody what the callback answered, or {@code null}
 * @param responseXml the reply in plaintext, or {@code null} when there was none
 * @param replies the bubbles; empty for {@code success} or an empty answer
 * @param error why the attempt failed, or {@code null}
 */
record Exchange(int attempt, String callbackUrl, String requestXml, String requestBody, int status,
        @Nullable String responseBody, @Nullable String responseXml, List<BotMessage> replies, @Nullable String error) {

    Exchange(int attempt, String callbackUrl, String requestXml, String requestBody) {
        this(attempt, callbackUrl, requestXml, requestBody, 0, null, null, List.of(), null);
    }

    Exchange answered(String body, @Nullable String replyXml, List<BotMessage> bubbles) {
        return new Exchange(attempt, callbackUrl, requestXml, requestBody, 200, body, replyXml, List.copyOf(bubbles),
                null);
    }

    Exchange failed(int httpStatus, @Nullable String body, String why) {
        return new Exchange(attempt, callbackUrl, requestXml, requestBody, httpStatus, body, null, List.of(), why);
    }

    /**
     * Whether WeChat counts the message as delivered: HTTP 200 in time. Anything else (no answer
     * within the timeout, no connection, another status) makes it deliver the message again. A 200
     * with a reply WeChat cannot use is still delivered: the user sees the error, nothing is resent.
     */
    boolean delivered() {
        return status == 200;
    }

    Map<String, Object> toJson() {
        List<Map<String, Object>> bubbles = new ArrayList<>();
        replies.forEach(reply -> bubbles.add(reply.toJson()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempt", attempt);
        json.put("status", status);
        json.put("replies", bubbles);
        json.put("error", error);
        json.put("callbackUrl", callbackUrl);
        json.put("requestXml", requestXml);
        json.put("requestBody", requestBody);
        json.put("responseBody", responseBody);
        json.put("responseXml", responseXml);
        return json;
    }
}
