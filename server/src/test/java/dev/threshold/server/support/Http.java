package dev.threshold.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests to a test server over real HTTP, with {@link java.net.http.HttpClient}. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** An answer: status, body as text, and the body as JSON when it is JSON. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public int port() {
        return port;
    }

    public Answer get(String path, String key) {
        return send("GET", path, key, null, null, Map.of());
    }

    public Answer post(String path, String key, String json) {
        return send("POST", path, key, json == null ? null : "application/json", bytes(json), Map.of());
    }

    public Answer put(String path, String key, String json) {
        return send("PUT", path, key, "application/json", bytes(json), Map.of());
    }

    public Answer patch(String path, String key, String json) {
        return send("PATCH", path, key, "application/json", bytes(json), Map.of());
    }

    public Answer delete(String path, String key) {
        return send("DELETE", path, key, null, null, Map.of());
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Any request: a method, a raw path (query included), a key or null, a content type or null, a body or null. */
    public Answer send(
            String method, String path, String key, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        HttpRequest request = b.build();
        // A server closes a connection after refusing a malformed or oversized request; the client may have pooled
        // it and sent this request into it. Sending again, at last on a client of its own, is the same request.
        IOException failure = null;
        for (HttpClient c : new HttpClient[] {client, client, HttpClient.newHttpClient()}) {
            try {
                HttpResponse<String> r = c.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Answer(r.statusCode(), r.body(), r.headers().map());
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new UncheckedIOException(method + " " + path + " failed", failure);
    }
}
