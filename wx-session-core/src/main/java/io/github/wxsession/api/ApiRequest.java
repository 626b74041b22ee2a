package io.github.wxsession.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WeChat API call as the executor sees it.
 *
 * @param post whether it is a POST with a JSON body (else a GET)
 * @param path relative to the API root, e.g. {@code cgi-bin/message/custom/send}
 * @param query query parameters, in order; values are encoded when sent
 * @param jsonBody the POST body, or {@code null} for a GET
 * @param withAccessToken whether {@code access_token} is appended (and refreshed when rejected)
 * @param idempotent whether sending it twice does no harm, so it may be re-sent after an I/O
 *        failure whose outcome is unknown
 */
record ApiRequest(boolean post, String path, Map<String, String> query, String jsonBody,
        boolean withAccessToken, boolean idempotent) {

    static ApiRequest get(String path, Map<String, String> query) {
        Map<String, String> ordered = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (name == null || value == null) {
                throw new IllegalArgumentException("query parameters of " + path + " must not be null: " + query.keySet());
            }
            ordered.put(name, value);
        });
        return new ApiRequest(false, relative(path), Collections.unmodifiableMap(ordered), null, true, true);
    }

    static ApiRequest post(String path, String jsonBody) {
        if (jsonBody == null) {
            throw new IllegalArgumentException("a POST to " + path + " needs a JSON body");
        }
        return new ApiRequest(true, relative(path), Map.of(), jsonBody, true, false);
    }

    /** Query parameters from name/value pairs, kept in the order the official documentation lists them. */
    static Map<String, String> parameters(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /** The same call with these query parameters (a POST's, whose body is JSON). */
    ApiRequest withQuery(Map<String, String> parameters) {
        return new ApiRequest(post, path, Collections.unmodifiableMap(new LinkedHashMap<>(parameters)), jsonBody,
                withAccessToken, idempotent);
    }

    /** The same call authenticated by its own parameters (token endpoints, code2session). */
    ApiRequest withoutAccessToken() {
        return new ApiRequest(post, path, query, jsonBody, false, idempotent);
    }

    /**
     * The same call, declared unsafe to send twice: a GET that consumes what it carries (a
     * single-use login code, whose second use gets 40163 and turns an accepted login into a failure).
     */
    ApiRequest notIdempotent() {
        return new ApiRequest(post, path, query, jsonBody, withAccessToken, false);
    }

    /** The same call, declared safe to send twice. */
    ApiRequest asIdempotent() {
        return new ApiRequest(post, path, query, jsonBody, withAccessToken, true);
    }

    /** "GET cgi-bin/token": names the call in messages without its secrets. */
    String describe() {
        return (post ? "POST " : "GET ") + path;
    }

    private static String relative(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("an API path like cgi-bin/user/info is required");
        }
        if (path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("pass query parameters separately, not in the path: " + path);
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
