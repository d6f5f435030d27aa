package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.outbox.channel.WebhookChannel;
import dev.threshold.runtime.outbox.channel.WebhookSignature;
import dev.threshold.runtime.time.SettableClock;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
    private static final byte[] SECRET = "a-secret-of-32-bytes-for-tests!!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2027-03-01T19:00:00Z");

    private record Received(String key, String idempotencyKey, String signature, String body) {}

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final WebhookChannel channel =
            new WebhookChannel(HttpClient.newHttpClient(), SECRET, new SettableClock(NOW), Duration.ofSeconds(5));

    @BeforeEach
    void listen() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("Threshold-Message-Key"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    body));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OutboundMessage hook(String key) {
        return new OutboundMessage(
                "acme",
                key,
                Channel.WEBHOOK,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks",
                Optional.empty(),
                "{\"work_order\":\"WO-5531\"}",
                Purpose.TRANSACTIONAL,
                "j",
                "notify",
                Optional.of("R-1"),
                Optional.empty());
    }

    @Test
    void a_webhook_carries_its_key_and_a_timestamped_signature_the_receiver_can_verify() {
        DeliveryResult result = channel.send(hook("i:notify:1"));

        assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
        Received r = received.get(0);
        assertThat(r.key()).isEqualTo("i:notify:1");
        assertThat(r.idempotencyKey()).isEqualTo("i:notify:1");
        assertThat(WebhookSignature.verify(SECRET, r.signature(), r.key(), r.body(), NOW, Duration.ofMinutes(5)))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, r.signature(), r.key(), r.body() + " ", NOW, Duration.ofMinutes(5)))
                .as("a changed body")
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SECRET, r.signature(), r.key(), r.body(), NOW.plus(Duration.ofHours(1)), Duration.ofMinutes(5)))
                .as("a replay an hour later")
                .isFalse();
    }

    @Test
    void a_server_error_is_tried_again_and_a_client_error_is_refused() {
        status.set(503);
        assertThat(channel.send(hook("a"))).isInstanceOf(DeliveryResult.Retry.class);
        status.set(410);
        assertThat(channel.send(hook("b"))).isInstanceOf(DeliveryResult.Refused.class);
    }

    @Test
    void an_unreachable_endpoint_is_tried_again() {
        server.stop(0);
        assertThat(channel.send(hook("c"))).isInstanceOf(DeliveryResult.Retry.class);
    }
}
