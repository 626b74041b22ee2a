package io.github.wxsession.api;

import java.io.IOException;

/**
 * Failures that did not come with a WeChat {@code errcode}: I/O, an HTTP status other than 200,
 * an answer that is not JSON, an interrupt. They carry errcode -1 (WeChat's own "system error,
 * try later") so callers handle them like an unavailable WeChat, with the cause attached.
 * Messages name the call by method and path only: its URI holds the secret or the access token.
 */
final class LocalErrors {

    static final int SYSTEM_ERROR = -1;

    private static final int SNIPPET_LENGTH = 200;

    private LocalErrors() {
    }

    static WxErrorException badStatus(ApiRequest request, int status, String body) {
        return failure(request.describe() + " answered HTTP " + status + " instead of 200 (WeChat answers 200 even"
                + " for errors): check that the API base URI points at WeChat; body: " + snippet(body), null);
    }

    static WxErrorException notJson(ApiRequest request, String body, Exception cause) {
        return failure(request.describe() + " answered something that is not a JSON object: check that the API"
                + " base URI points at WeChat and no proxy rewrites answers; body: " + snippet(body), cause);
    }

    static WxErrorException badAnswer(ApiRequest request, String what) {
        return failure(request.describe() + " answered without what it must carry: " + what, null);
    }

    static WxErrorException ioFailure(ApiRequest request, IOException cause, int retries) {
        return failure(request.describe() + " failed with " + cause + (retries == 0 ? "" : " after " + retries
                + " retries") + ": check the network path to the API base URI", cause);
    }

    static WxErrorException outcomeUnknown(ApiRequest request, IOException cause) {
        return failure(request.describe() + " failed with " + cause + " after it was sent; not sent again because"
                + " WeChat may already have applied it", cause);
    }

    static WxErrorException noSecret(String appId) {
        return failure("account " + appId + " has no secret, so no access token: an AI bot answers through its"
                + " callback and the message's response_url, not the token APIs", null);
    }

    static WxErrorException interrupted(String waitingFor, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return failure("interrupted while " + waitingFor, cause);
    }

    static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty)";
        }
        return body.length() <= SNIPPET_LENGTH ? body : body.substring(0, SNIPPET_LENGTH) + "…";
    }

    private static WxErrorException failure(String message, Throwable cause) {
        return new WxErrorException(new WxError(SYSTEM_ERROR, message), message, cause);
    }
}
