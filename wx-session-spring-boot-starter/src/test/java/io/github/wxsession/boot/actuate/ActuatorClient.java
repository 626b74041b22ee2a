package io.github.wxsession.boot.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.json.JsonParserFactory;

/** Reads actuator endpoints over real HTTP, as a load balancer or a monitoring system would. */
final class ActuatorClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    ActuatorClient(int port) {
        this.root = "http://127.0.0.1:" + port + "/actuator/";
    }

    /** One endpoint's answer: its status, its body, and the body parsed. */
    record Answer(int status, String body, Map<String, Object> json) {

        /** The value at a path of keys, e.g. {@code at("components", "wx", "status")}. */
        @SuppressWarnings("unchecked")
        Object at(String... keys) {
            Object value = json;
            for (String key : keys) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = ((Map<String, Object>) map).get(key);
            }
            return value;
        }
    }

    Answer get(String endpoint) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + endpoint)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    JsonParserFactory.getJsonParser().parseMap(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + endpoint, e);
        }
    }
}
