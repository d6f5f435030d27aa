package dev.threshold.server.config;

import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code threshold serve} runs, read by {@link ConfigLoader} from a YAML file and {@code THRESHOLD_*}
 * environment variables (which win). docs/api.md, "Configuration", lists every setting.
 *
 * @param dataDir where the SQLite store and the message journal live unless a setting says otherwise
 * @param store the store: the SQLite file {@code dataDir/threshold.db} unless {@code store.url} names another
 * @param channels how email and SMS go out ({@code channels:}, docs/channels.md); empty: messages are recorded to
 *     the journal file instead of sent
 */
public record ServerConfig(
        Path dataDir,
        Http http,
        StoreConfig store,
        Runtime runtime,
        Limits limits,
        Webhooks webhooks,
        Cluster cluster,
        Stream stream,
        Optional<ChannelSettings> channels) {

    /**
     * @param port 0 picks a free port
     * @param shutdownGrace how long in-flight requests may take to finish when the server stops
     */
    public record Http(String host, int port, Duration shutdownGrace) {}

    /**
     * @param workers worker threads over the partitions
     * @param journeys a journey library folder to offer besides the bundled one; empty: the bundled one
     * @param journal where email and SMS messages are recorded while their channels are not configured
     */
    public record Runtime(int workers, Optional<Path> journeys, Path journal) {}

    /**
     * @param maxBodyBytes the largest request body accepted (413 beyond)
     * @param maxBatch the most events in one batch (422 beyond)
     * @param ratePerSecond requests per second per API key, on average
     * @param rateBurst requests per API key allowed at once
     */
    public record Limits(long maxBodyBytes, int maxBatch, double ratePerSecond, int rateBurst) {}

    /** @param window how far a signed webhook's timestamp may be from the server's clock */
    public record Webhooks(Duration window) {}

    /**
     * Several nodes over one PostgreSQL database: see docs/operations.md.
     *
     * @param node this node's id, unique in the cluster; empty: the node works alone on its store
     * @param lease how long a partition lease lasts unrenewed; a dead node's partitions move after it
     * @param dispatchClaim how long a batch of messages one node claimed stays hidden from the others; a dead
     *     node's claimed messages are sent by another after it
     */
    public record Cluster(Optional<String> node, Duration lease, Duration dispatchClaim) {
        public static Cluster alone() {
            return new Cluster(Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(5));
        }
    }

    /**
     * Events from a NATS JetStream stream, besides HTTP: see docs/operations.md, "Stream ingest".
     *
     * @param natsUrl the NATS server; empty: no stream ingest
     * @param stream the JetStream stream, created when missing
     * @param subjects the subjects it holds; the last token of a subject is the tenant
     * @param durable the durable consumer every node pulls from
     * @param ackWait how long an unacknowledged message waits before it is delivered again
     */
    public record Stream(Optional<String> natsUrl, String stream, String subjects, String durable, Duration ackWait) {
        public static Stream off() {
            return new Stream(
                    Optional.empty(),
                    "THRESHOLD_EVENTS",
                    "threshold.events.*",
                    "threshold-ingest",
                    Duration.ofSeconds(30));
        }
    }
}
