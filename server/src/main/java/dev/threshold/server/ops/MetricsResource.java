package dev.threshold.server.ops;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /metrics} in the Prometheus text format. Besides what the API counts as it goes, each scrape reads from
 * the store: processing lag per partition (inputs appended but not yet processed), outbox depth and dead letters
 * per tenant, and send outcomes (new delivery records since the last scrape, counted by tenant and outcome).
 */
public final class MetricsResource implements Resource {
    private static final java.util.Map<String, String> DESCRIPTIONS = java.util.Map.of(
            "threshold_processing_lag", "inputs appended to the partition's log and not yet processed",
            "threshold_outbox_depth", "messages waiting in the outbox to be sent",
            "threshold_outbox_dead_letters", "messages that ran out of attempts");

    private final Store store;
    private final Metrics metrics;
    private final ConcurrentHashMap<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private long deliveriesSeen = -1;

    public MetricsResource(Store store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void register(Routes routes) {
        routes.open(HandlerType.GET, "/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        refresh();
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.registry().scrape());
    }

    private synchronized void refresh() {
        store.read(h -> {
            var c = h.getConnection();
            // runtime-wide by design: partitions span tenants, and the operator asks how far behind each one is
            try (PreparedStatement offsets = c.prepareStatement("SELECT partition, last_seq FROM partition_offsets");
                    PreparedStatement last = c.prepareStatement("SELECT MAX(seq) FROM event_log WHERE partition = ?");
                    ResultSet rs = offsets.executeQuery()) {
                while (rs.next()) {
                    last.setInt(1, rs.getInt(1));
                    try (ResultSet m = last.executeQuery()) {
                        long end = m.next() ? m.getLong(1) : 0;
                        gauge("threshold_processing_lag", Tags.of("partition", rs.getString(1)))
                                .set(Math.max(0, end - rs.getLong(2)));
                    }
                }
            }
            gauges.forEach((k, v) -> {
                if (k.startsWith("threshold_outbox_")) {
                    v.set(0);
                }
            });
            try (PreparedStatement st = c.prepareStatement("SELECT tenant_id, status, COUNT(*) FROM outbox"
                            + " WHERE status IN ('pending', 'dead') GROUP BY tenant_id, status");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name =
                            rs.getString(2).equals("dead") ? "threshold_outbox_dead_letters" : "threshold_outbox_depth";
                    gauge(name, Tags.of("tenant", rs.getString(1))).set(rs.getLong(3));
                }
            }
            countDeliveries(c);
            return null;
        });
    }

    /** Adds the delivery records written since the last scrape to the send-outcome counters. */
    private void countDeliveries(java.sql.Connection c) throws java.sql.SQLException {
        if (deliveriesSeen < 0) {
            // runtime-wide: where counting starts, not a tenant's data
            try (PreparedStatement st = c.prepareStatement("SELECT MAX(seq) FROM deliveries");
                    ResultSet rs = st.executeQuery()) {
                deliveriesSeen = rs.next() ? rs.getLong(1) : 0;
            }
            return;
        }
        long max = deliveriesSeen;
        try (PreparedStatement st = c.prepareStatement("SELECT tenant_id, outcome, COUNT(*), MAX(seq) FROM deliveries"
                + " WHERE seq > ? GROUP BY tenant_id, outcome")) {
            st.setLong(1, deliveriesSeen);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Counter.builder("threshold_send_outcomes")
                            .description("messages by what became of them: sent, deferred, skipped, failed, dead")
                            .tags("tenant", rs.getString(1), "outcome", rs.getString(2))
                            .register(metrics.registry())
                            .increment(rs.getLong(3));
                    max = Math.max(max, rs.getLong(4));
                }
            }
        }
        deliveriesSeen = max;
    }

    private AtomicLong gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(DESCRIPTIONS.getOrDefault(name, name))
                    .tags(tags)
                    .register(metrics.registry());
            return value;
        });
    }
}
