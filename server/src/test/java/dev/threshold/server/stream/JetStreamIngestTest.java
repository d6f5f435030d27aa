package dev.threshold.server.stream;

import static dev.threshold.runtime.support.Residents.rating;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import dev.threshold.server.ops.Metrics;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events published to NATS JetStream reach the event log once each — also those a node took and died before
 * acknowledging — and what is not an event is dropped with a reason instead of coming back forever. Runs against
 * the NATS server on 127.0.0.1:4222; under CI=true an unreachable server fails the test.
 */
class JetStreamIngestTest {
    private static final String NATS = System.getProperty("threshold.nats.url", "nats://127.0.0.1:4222");
    private static final Instant NOW = Instant.parse("2027-03-01T16:00:00Z");

    @TempDir
    Path dir;

    @Test
    void every_event_is_appended_once_even_after_a_consumer_died_holding_some_unacknowledged() throws Exception {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JetStreamIngest.Source source = new JetStreamIngest.Source(
                NATS, name.toUpperCase(), name + ".events.*", name + "-ingest", Duration.ofSeconds(5));
        try (Connection nats = connect();
                TestStore ts = TestStore.open(Dialect.SQLITE, dir);
                ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), new SettableClock(NOW))
                        .build()) {
            // a first node creates the stream and its durable consumer, takes 40 events, and dies before acknowledging
            try (JetStreamIngest first = JetStreamIngest.start(source, rt.ingest(), new Metrics())) {
                first.close();
            }
            JetStream js = nats.jetStream();
            for (int i = 0; i < 150; i++) {
                js.publish(
                        name + ".events.acme",
                        rating("e-" + i, "R-" + (i % 30), 8, NOW).toString().getBytes(StandardCharsets.UTF_8));
            }
            js.publish(name + ".events.acme", "{not json".getBytes(StandardCharsets.UTF_8));
            js.publish(
                    name + ".events.acme",
                    "{\"id\": \"x-1\", \"type\": \"unicorn.sighted\", \"occurred_at\": \"2027-03-01T16:00:00Z\"}"
                            .getBytes(StandardCharsets.UTF_8));
            js.publish( // a reply only the SMS webhook may produce (it reads STOP and HELP first)
                    name + ".events.acme",
                    ("{\"id\": \"x-2\", \"type\": \"sms.replied\", \"occurred_at\": \"2027-03-01T16:00:00Z\","
                                    + " \"contact\": {\"id\": \"R-1\"}, \"data\": {\"body\": \"yes please\"}}")
                            .getBytes(StandardCharsets.UTF_8));
            js.publish(
                    name + ".events.other",
                    rating("o-1", "R-1", 9, NOW).toString().getBytes(StandardCharsets.UTF_8));
            JetStreamSubscription dying = js.subscribe(
                    source.subjects(),
                    PullSubscribeOptions.builder()
                            .configuration(ConsumerConfiguration.builder()
                                    .durable(source.durable())
                                    .ackPolicy(AckPolicy.Explicit)
                                    .ackWait(source.ackWait())
                                    .maxAckPending(10_000L)
                                    .build())
                            .build());
            List<Message> taken = dying.fetch(40, Duration.ofSeconds(5)); // some of the 154, never acknowledged
            assertThat(taken).hasSize(40);
            dying.unsubscribe(); // gone, nothing acknowledged

            try (JetStreamIngest node = JetStreamIngest.start(source, rt.ingest(), new Metrics())) {
                Awaitility.await()
                        .atMost(2, TimeUnit.MINUTES)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> count(rt, "acme") == 150 && count(rt, "other") == 1 && pending(nats, source) == 0);
            }
            assertThat(count(rt, "acme")).as("each of acme's events once").isEqualTo(150);
            assertThat(count(rt, "other"))
                    .as("the tenant is the subject's last token")
                    .isEqualTo(1);
            assertThat(pending(nats, source))
                    .as("nothing left unacknowledged: the bad three were dropped, not redelivered")
                    .isZero();
        } finally {
            try (Connection nats = connect()) {
                nats.jetStreamManagement().deleteStream(source.stream());
            }
        }
    }

    private static long count(ThresholdRuntime rt, String tenant) {
        return rt.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM event_log WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .mapTo(Long.class)
                        .one());
    }

    private static long pending(Connection nats, JetStreamIngest.Source source) throws Exception {
        var info = nats.jetStreamManagement().getConsumerInfo(source.stream(), source.durable());
        return info.getNumPending() + info.getNumAckPending();
    }

    private static Connection connect() throws Exception {
        try {
            return Nats.connect(NATS);
        } catch (java.io.IOException e) {
            String why = "NATS is not reachable at " + NATS + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; under CI=true this fails the build. .ci/prepare starts it.");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
            throw e;
        }
    }
}
