package io.github.wxsession.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one {@link ApiRequest} over the JDK {@link HttpClient} and hands back the parsed JSON,
 * whatever its {@code errcode}; deciding what an errcode means is the executor's job.
 */
final class HttpTransport {

    private final HttpClient client;
    private final String baseUri;
    private final Duration readTimeout;
    private final ObjectMapper mapper;

    HttpTransport(HttpClient client, URI baseUri, Duration readTimeout, ObjectMapper mapper) {
        this.client = client;
        this.baseUri = baseUri.toString();
        this.readTimeout = readTimeout;
        this.mapper = mapper;
    }

    /**
     * Sends the request once.
     *
     * @param accessToken appended as {@code access_token} unless {@code null}
     * @throws IOException if it failed on the network; see {@link #neverSent(IOException)}
     * @throws WxErrorException if the answer is not HTTP 200 with a JSON object
     */
    ApiResponse send(ApiRequest request, String accessToken)
            throws IOException, InterruptedException, WxErrorException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request, accessToken))
                .timeout(readTimeout)
                .header("Accept", "application/json");
        if (request.post()) {
            builder.header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8));
        } else {
            builder.GET();
        }
        // WeChat does not always name the charset; its JSON is UTF-8.
        HttpResponse<String> response = client.send(builder.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = response.body();
        if (response.statusCode() != 200) {
            throw LocalErrors.badStatus(request, response.statusCode(), body);
        }
        return new ApiResponse(body, parse(request, body));
    }

    /**
     * Whether the request never left this host (the connection could not be opened), so sending
     * it again cannot apply it twice. Any other I/O failure may have happened after WeChat got it.
     */
    static boolean neverSent(IOException failure) {
        return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
    }

    private JsonNode parse(ApiRequest request, String body) throws WxErrorException {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw LocalErrors.notJson(request, body, e);
        }
        if (json == null || !json.isObject()) {
            throw LocalErrors.notJson(request, body, null);
        }
        return json;
    }

    private URI uri(ApiRequest request, String accessToken) {
        StringBuilder uri = new StringBuilder(baseUri.length() + 128).append(baseUri).append(request.path());
        char separator = '?';
        if (accessToken != null) {
            uri.append(separator).append("access_token=").append(encode(accessToken));
            separator = '&';
        }
        for (Map.Entry<String, String> parameter : request.query().entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
