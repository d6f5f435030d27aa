package dev.threshold.server.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's SMS provider: a small HTTP endpoint on a free port of 127.0.0.1 that answers as the providers the SMS
 * channel speaks to do — {@code POST /accounts/{account}/messages}, Basic authentication with the account and its
 * token, a form with {@code To}, {@code From} and {@code Body}, {@code Idempotency-Key} honoured — and puts each
 * text in the {@link Sink} instead of on a phone.
 */
final class SmsSink implements AutoCloseable {
    private final HttpServer server;
    private final Sink sink;
    private final InstantSource clock;
    private final String account;
    private final String authorization;
    private final Map<String, String> idsByKey = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    SmsSink(Sink sink, InstantSource clock, String account, String token) {
        this.sink = sink;
        this.clock = clock;
        this.account = account;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the demo's SMS endpoint", e);
        }
        server.createContext("/accounts/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("POST")
                    || !x.getRequestURI().getPath().equals("/accounts/" + account + "/messages")) {
                answer(x, 404, "{\"message\": \"no such resource\"}");
                return;
            }
            if (!authorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "{\"message\": \"wrong account or token\"}");
                return;
            }
            Map<String, String> form = form(x.getRequestBody());
            String to = form.getOrDefault("To", "");
            String body = form.getOrDefault("Body", "");
            if (!to.matches("\\+[1-9][0-9]{6,14}")) {
                answer(x, 400, "{\"code\": 21211, \"message\": \"The 'To' number is not valid\"}");
                return;
            }
            String key = x.getRequestHeaders().getFirst("Idempotency-Key");
            String id;
            int status;
            synchronized (this) {
                String known = key == null ? null : idsByKey.get(key);
                if (known != null) {
                    id = known; // the provider's answer to a retry: the same message, not a second one
                    status = 200;
                } else {
                    id = "SM%08d".formatted(ids.incrementAndGet());
                    if (key != null) {
                        idsByKey.put(key, id);
                    }
                    sink.add(new Sink.Message(
                            clock.instant(),
                            "sms",
                            key == null ? id : key,
                            form.getOrDefault("From", ""),
                            to,
                            Map.of(),
                            "",
                            body));
                    status = 201;
                }
            }
            answer(x, status, "{\"id\": \"" + id + "\", \"status\": \"queued\"}");
        }
    }

    private static Map<String, String> form(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
