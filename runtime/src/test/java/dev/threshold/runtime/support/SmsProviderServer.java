package dev.threshold.runtime.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers like a common SMS provider: a form post to {@code
 * /accounts/{account}/messages} is a text, answered {@code 201 {"id": "SM…", "status": "queued"}}. It honours
 * {@code Idempotency-Key} as providers do (a repeated key gets the first answer and sends nothing), records every
 * request, and fails on purpose when told: the next n requests with a status, or holding requests until released
 * (a timeout for the client).
 */
public final class SmsProviderServer implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String path, String authorization, String idempotencyKey, Map<String, String> form) {}

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> byKey = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Map<String, String>> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failWith = 503;
    private volatile String failBody = "{\"message\":\"service unavailable\"}";
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final AtomicInteger ids = new AtomicInteger();

    private SmsProviderServer(HttpServer server) {
        this.server = server;
    }

    public static SmsProviderServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SmsProviderServer p = new SmsProviderServer(s);
            s.createContext("/", p::handle);
            s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            s.start();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SMS provider", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** The next {@code n} requests are answered with {@code status} and {@code body}. */
    public void failNext(int n, int status, String body) {
        failWith = status;
        failBody = body;
        failures.set(n);
    }

    /** Requests are held (the client times out) until {@link #release()}; a held text is still sent. */
    public void holdRequests() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The texts the provider actually sent to phones: one per idempotency key. */
    public List<Map<String, String>> sent() {
        return List.copyOf(sent);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        requests.add(
                new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"), key, form));
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(ex, failWith, failBody);
            return;
        }
        String id;
        synchronized (byKey) {
            id = byKey.get(key);
            if (id == null) {
                id = "SM" + String.format("%032x", ids.incrementAndGet());
                byKey.put(key, id);
                sent.add(form);
            }
        }
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held request was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        respond(ex, 201, "{\"id\":\"" + id + "\",\"status\":\"queued\"}");
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up waiting (a test of timeouts): nothing to answer
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
