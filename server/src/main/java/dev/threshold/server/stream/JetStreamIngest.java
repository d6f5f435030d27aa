package dev.threshold.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.ingest.Ingest;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.server.api.events.ChannelOnlyEvents;
import dev.threshold.server.ops.Metrics;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from a NATS JetStream stream, ingested like events over HTTP and acknowledged only once they are durable
 * in Threshold: a node that dies before it acknowledges leaves the messages to be delivered again (to it or another
 * node), and ingest recognises a repeated event id, so nothing is lost and nothing is applied twice.
 *
 * <p>The tenant is the last token of the subject: an event published to {@code threshold.events.acme} belongs to
 * tenant {@code acme}. Every node pulls from one durable consumer, so the stream's messages are shared between
 * the nodes. A message that is not an event Threshold accepts (not JSON, an unknown type, bad data) is
 * terminated, not redelivered, and logged with every problem.
 */
public final class JetStreamIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamIngest.class);
    private static final int BATCH = 500;

    /** Where to read: the server, the stream (created when missing), its subjects and the durable consumer. */
    public record Source(String url, String stream, String subjects, String durable, Duration ackWait) {}

    private final Source source;
    private final Ingest ingest;
    private final Metrics metrics;
    private final Connection nats;
    private final JetStreamSubscription subscription;
    private final Thread thread;
    private volatile boolean running = true;

    private JetStreamIngest(Source source, Ingest ingest, Metrics metrics) throws IOException, JetStreamApiException {
        this.source = source;
        this.ingest = ingest;
        this.metrics = metrics;
        try {
            this.nats = Nats.connect(Options.builder()
                    .server(source.url())
                    .connectionName("threshold")
                    .maxReconnects(-1)
                    .build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS at " + source.url(), e);
        }
        ensureStream(nats.jetStreamManagement(), source);
        JetStream js = nats.jetStream();
        this.subscription = js.subscribe(
                source.subjects(),
                PullSubscribeOptions.builder()
                        .configuration(ConsumerConfiguration.builder()
                                .durable(source.durable())
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(source.ackWait())
                                .maxAckPending(BATCH * 20L)
                                .build())
                        .build());
        this.thread = Thread.ofPlatform().name("threshold-jetstream").start(this::loop);
    }

    /** Connects, makes sure the stream exists, and starts pulling on a thread of its own. */
    public static JetStreamIngest start(Source source, Ingest ingest, Metrics metrics) {
        try {
            return new JetStreamIngest(source, ingest, metrics);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(
                    "cannot consume the NATS JetStream stream " + source.stream() + " at " + source.url() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void ensureStream(JetStreamManagement jsm, Source source) throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(source.stream());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            jsm.addStream(StreamConfiguration.builder()
                    .name(source.stream())
                    .subjects(source.subjects())
                    .storageType(StorageType.File)
                    .build());
            LOG.info("created the JetStream stream {} for {}", source.stream(), source.subjects());
        }
    }

    private void loop() {
        while (running) {
            try {
                List<Message> messages = subscription.fetch(BATCH, Duration.ofSeconds(1));
                if (!messages.isEmpty()) {
                    take(messages);
                }
            } catch (RuntimeException e) {
                LOG.error("stream ingest failed a round; its messages will be delivered again", e);
                sleep();
            }
        }
    }

    /** Ingests a fetched batch, tenant by tenant; acknowledges each message once its event is durable. */
    int take(List<Message> messages) {
        Map<String, List<Message>> byTenant = new LinkedHashMap<>();
        for (Message m : messages) {
            String subject = m.getSubject();
            String tenant = subject.substring(subject.lastIndexOf('.') + 1);
            byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(m);
        }
        int acked = 0;
        for (Map.Entry<String, List<Message>> e : byTenant.entrySet()) {
            acked += take(e.getKey(), e.getValue());
        }
        return acked;
    }

    private int take(String tenant, List<Message> messages) {
        List<JsonNode> envelopes = new ArrayList<>();
        List<Message> parsed = new ArrayList<>();
        for (Message m : messages) {
            try {
                JsonNode envelope = StateJson.mapper().readTree(m.getData());
                Optional<IngestResult> refused = ChannelOnlyEvents.refusal(envelope);
                if (refused.isPresent()) {
                    LOG.warn("a message on {} is refused and dropped: {}", m.getSubject(), refused.get());
                    metrics.ingested("rejected", "stream");
                    m.term();
                    continue;
                }
                envelopes.add(envelope);
                parsed.add(m);
            } catch (IOException x) {
                LOG.warn("a message on {} is not JSON and is dropped: {}", m.getSubject(), x.getMessage());
                metrics.ingested("rejected", "stream");
                m.term();
            }
        }
        if (envelopes.isEmpty()) {
            return 0;
        }
        List<IngestResult> results = ingest.ingest(tenant, envelopes); // returns once the accepted ones are durable
        for (int i = 0; i < results.size(); i++) {
            Message m = parsed.get(i);
            switch (results.get(i)) {
                case IngestResult.Accepted a -> {
                    metrics.ingested("accepted", "stream");
                    m.ack();
                }
                case IngestResult.Duplicate d -> {
                    metrics.ingested("duplicate", "stream");
                    m.ack();
                }
                case IngestResult.Rejected r -> {
                    metrics.ingested("rejected", "stream");
                    LOG.warn("event {} on {} was refused and is dropped: {}", r.id(), m.getSubject(), r.problems());
                    m.term();
                }
            }
        }
        return results.size();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops pulling after the batch in hand is ingested and acknowledged, then disconnects. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "JetStream " + source.stream() + " (" + source.subjects() + ") at " + source.url();
    }
}
