package dev.threshold.runtime.property;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.Imports;
import dev.threshold.domain.importing.csv.CsvKind;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.runtime.ingest.Ingest;
import dev.threshold.runtime.ingest.IngestResult;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Importing property data into a tenant — MITS property feeds and guest cards, CSV files of contacts, units, leases
 * and work orders: planned against what the tenant already has, written all or nothing, and the events the
 * import implies ({@code unit.available}, {@code lead.created}, {@code lease.signed}…) ingested, so journeys hear
 * of them. The API and the command line import through here.
 *
 * <pre>{@code
 * ImportPlan plan = importing.plan("acme", "units.csv", text, Imports.Format.CSV, Optional.empty());
 * Map<String, Integer> events = importing.write("acme", plan);   // accepted, duplicate, rejected
 * }</pre>
 */
public final class ImportingRecords {
    private final StoredProperties properties;
    private final Ingest ingest;
    private final InstantSource clock;
    private final Imports imports = new Imports();

    public ImportingRecords(StoredProperties properties, Ingest ingest, InstantSource clock) {
        this.properties = properties;
        this.ingest = ingest;
        this.clock = clock;
    }

    /**
     * What importing a file would create, update and emit, planned against the tenant's stored records.
     *
     * @throws ImportFailed with every problem of the file, each with its line and column
     */
    public ImportPlan plan(String tenant, String file, String text, Imports.Format format, Optional<CsvKind> kind)
            throws ImportFailed {
        return plan(file, text, format, kind, properties.snapshot(tenant));
    }

    /** The same against given records (a dry run of several files, each planned on the ones before it). */
    public ImportPlan plan(
            String file, String text, Imports.Format format, Optional<CsvKind> kind, PropertyRecords against)
            throws ImportFailed {
        return imports.plan(
                file, text, format, format == Imports.Format.CSV ? kind : Optional.empty(), against, clock.instant());
    }

    /**
     * Writes a plan's records, all or nothing, then ingests its events; returns how many events were accepted,
     * were duplicates of ones already ingested (a file imported again), or were rejected.
     *
     * @throws IllegalArgumentException when the records refer to what neither they nor the store hold; nothing is
     *     written
     */
    public Map<String, Integer> write(String tenant, ImportPlan plan) {
        properties.apply(tenant, plan.changes());
        return ingestEvents(tenant, plan.events());
    }

    private Map<String, Integer> ingestEvents(String tenant, List<Event> events) {
        Map<String, Integer> out = new TreeMap<>(Map.of("accepted", 0, "duplicate", 0, "rejected", 0));
        if (events.isEmpty()) {
            return out;
        }
        List<JsonNode> envelopes = events.stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>(EventCodec.toMap(e));
                    m.remove("journey");
                    return (JsonNode) StateJson.mapper().valueToTree(m);
                })
                .toList();
        for (IngestResult r : ingest.ingest(tenant, envelopes)) {
            String outcome = switch (r) {
                case IngestResult.Accepted a -> "accepted";
                case IngestResult.Duplicate d -> "duplicate";
                case IngestResult.Rejected x -> "rejected";
            };
            out.merge(outcome, 1, Integer::sum);
        }
        return out;
    }
}
