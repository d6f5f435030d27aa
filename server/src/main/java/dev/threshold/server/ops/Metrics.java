package dev.threshold.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's meters, in one Prometheus registry: what the API counts as it happens (events ingested by outcome
 * and door), and what {@link MetricsResource} reads from the store when scraped.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts an ingested event: accepted, duplicate or rejected, and through which door (api, webhook, import). */
    public void ingested(String outcome, String via) {
        Counter.builder("threshold_events_ingested")
                .description("events received, by outcome and by the door they came through")
                .tag("outcome", outcome)
                .tag("via", via)
                .register(registry)
                .increment();
    }
}
