package io.github.wxsession.boot.callback;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import java.nio.charset.StandardCharsets;

/** Status, type and bytes of a callback response. */
record CallbackAnswer(int status, String contentType, byte[] body) {

    static final String TEXT_PLAIN = CallbackResponse.TEXT_PLAIN;
    static final String APPLICATION_XML = "application/xml;charset=UTF-8";
    static final String APPLICATION_JSON = "application/json;charset=UTF-8";

    static final CallbackAnswer SUCCESS = new CallbackAnswer(200, TEXT_PLAIN, CallbackResponse.SUCCESS);
    /** The empty body: no reply (the AI bot's 空包). */
    static final CallbackAnswer EMPTY = new CallbackAnswer(200, TEXT_PLAIN, new byte[0]);

    static CallbackAnswer text(String body) {
        return new CallbackAnswer(200, TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
    }

    static CallbackAnswer xml(String body) {
        return new CallbackAnswer(200, APPLICATION_XML, body.getBytes(StandardCharsets.UTF_8));
    }

    static CallbackAnswer json(String body) {
        return new CallbackAnswer(200, APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} escaped for a JSON string. */
    static String jsonText(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    static CallbackAnswer status(Reason reason) {
        return new CallbackAnswer(reason.status(), TEXT_PLAIN, reason.tag().getBytes(StandardCharsets.US_ASCII));
    }
}
