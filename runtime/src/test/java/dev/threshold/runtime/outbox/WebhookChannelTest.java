package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.outbox.channel.Secret;
import dev.threshold.runtime.outbox.channel.WebhookChannel;
import dev.threshold.runtime.outbox.channel.WebhookSignature;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookChannelTest {
    private static final byte[] SECRET = "a-secret-of-32-bytes-for-tests!!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2027-03-01T19:00:00Z");

    private record Received(String key, String idempotencyKey, String signature, String body) {}

    @TempDir
    Path dir;

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
            byte[] answer = (status.get() >= 300 ? "try again later" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
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
        assertThat(channel.send(hook("b")))
                .isInstanceOfSatisfying(
                        DeliveryResult.Refused.class,
                        r -> assertThat(r.reason()).contains("HTTP 410").contains("try again later"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void through_the_dispatcher_a_failing_endpoint_is_retried_with_backoff_each_attempt_signed_anew(Dialect dialect)
            throws Exception {
        SettableClock clock = new SettableClock(NOW);
        Secret secret = Settings.WEBHOOK_SECRET;
        try (TestStore ts = TestStore.open(dialect, dir);
                ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                        .channelSettings(new ChannelSettings(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new ChannelSettings.Webhooks(secret, Duration.ofSeconds(5))),
                                Optional.empty()))
                        .backoff(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 5))
                        .build()) {
            rt.directory().saveContact("acme", Residents.aResident("R-1").build(), List.of());
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
            Outbox.aMessage("wo:notify:1")
                    .webhook(url, "{\"work_order\":\"WO-5531\"}")
                    .transactional()
                    .queue(ts.store(), "acme", NOW);
            List<Instant> attempts = new ArrayList<>();

            status.set(503);
            rt.runUntilIdle();
            attempts.add(clock.instant());
            status.set(200);
            clock.moveTo(rt.dispatcher().nextAttempt().orElseThrow());
            rt.runUntilIdle();
            attempts.add(clock.instant());

            assertThat(Outbox.status(ts.store(), "acme", "wo:notify:1")).isEqualTo("sent");
            assertThat(received).hasSize(2);
            for (int i = 0; i < received.size(); i++) {
                Received r = received.get(i);
                Instant at = attempts.get(i);
                assertThat(WebhookSignature.verify(
                                secret.bytes(), r.signature(), r.key(), r.body(), at, Duration.ofSeconds(1)))
                        .as("attempt %d signed at the time it was made", i)
                        .isTrue();
                assertThat(r.idempotencyKey()).isEqualTo(r.key());
            }
            assertThat((String) Outbox.deliveries(ts.store(), "acme", "wo:notify:1")
                            .get(0)
                            .get("reason"))
                    .contains("HTTP 503")
                    .contains("try again later");
        }
    }

    @Test
    void an_unreachable_endpoint_is_tried_again() {
        server.stop(0);
        assertThat(channel.send(hook("c"))).isInstanceOf(DeliveryResult.Retry.class);
    }
}
