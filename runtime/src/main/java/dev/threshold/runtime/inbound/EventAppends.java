package dev.threshold.runtime.inbound;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Puts events an inbound webhook produced into the event log, in the webhook's transaction; a repeated id is dropped. */
final class EventAppends {
    private EventAppends() {}

    /**
     * Inside the caller's write transaction, so the events commit with what the webhook did; last in it, as
     * {@link InputLog#append} asks.
     */
    static void append(Connection c, Store store, String tenant, List<Event> events, Instant now) throws SQLException {
        Partitions partitions = store.partitions();
        List<InputLog.Entry> entries = new ArrayList<>();
        for (Event e : events) {
            int partition = e.contact()
                    .map(ct -> partitions.of(tenant, ct))
                    .orElseGet(() -> partitions.ofUnaddressed(tenant, e.id()));
            entries.add(new InputLog.Entry(
                    tenant,
                    e.id(),
                    partition,
                    InputLog.Kind.EVENT,
                    e.contact(),
                    e.type(),
                    e.occurredAt(),
                    StateJson.write(e)));
        }
        InputLog.append(c, store.dialect(), entries, now);
    }
}
