package dev.threshold.runtime.processing;

import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.domain.property.UnitChanges;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.core.Outcome;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.core.Timer;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.context.StoreContext;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.property.TenantRecords;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Statements;
import dev.threshold.runtime.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker transaction: inputs taken in order, each decided by the engine against the state as the batch
 * left it, and everything they produced written together at the end ({@link BatchWrites}). A later input of
 * the same contact in the same batch sees what the earlier ones did.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private final Connection c;
    private final JourneyCatalog catalog;
    private final Partitions partitions;
    private final Instant now;
    private final Map<Class<?>, Object> extensions;
    private final TenantRecords records;
    private final Map<String, TenantRecords.Versioned> recordsRead = new HashMap<>();
    private final Map<String, StoreContext> contexts = new HashMap<>();
    private final Map<String, Map<String, Optional<ContactView>>> contacts = new HashMap<>();
    private final Map<String, ContactJourneys> journeys = new HashMap<>();
    private final TaskBook tasks;
    private final Statements statements;
    final BatchWrites writes;

    /**
     * @param extensions domain data given once for all tenants (tests); empty to read each tenant's property
     *     records from the store, through {@code records}
     */
    Batch(
            Connection c,
            JourneyCatalog catalog,
            Partitions partitions,
            Instant now,
            Map<Class<?>, Object> extensions,
            TenantRecords records) {
        this.c = c;
        this.catalog = catalog;
        this.partitions = partitions;
        this.now = now;
        this.extensions = extensions;
        this.records = records;
        this.writes = new BatchWrites(partitions, now);
        this.tasks = new TaskBook(c);
        this.statements = new Statements(c);
    }

    /** Ends the reading part of the batch: what it decided is sealed into rows, its statements are closed. */
    void seal() {
        statements.close();
        writes.seal();
    }

    /**
     * Reads, with a few queries for the whole batch, what its inputs will need: the journeys, contact views and
     * open tasks of every contact they name. Per-input queries would cost a round trip each on PostgreSQL.
     */
    void prefetch(List<InputLog.Row> rows) throws SQLException {
        Map<String, java.util.Set<String>> byTenant = new HashMap<>();
        for (InputLog.Row r : rows) {
            r.contact()
                    .ifPresent(ct -> byTenant.computeIfAbsent(r.tenant(), t -> new java.util.LinkedHashSet<>())
                            .add(ct));
        }
        for (Map.Entry<String, java.util.Set<String>> e : byTenant.entrySet()) {
            String tenant = e.getKey();
            List<String> ids = List.copyOf(e.getValue());
            StateRows.loadAll(c, tenant, ids).forEach((ct, cj) -> journeys.putIfAbsent(key(tenant, ct), cj));
            Map<String, Optional<ContactView>> views = contacts.computeIfAbsent(tenant, k -> new HashMap<>());
            Map<String, ContactView> found = dev.threshold.runtime.contact.Directory.findContacts(c, tenant, ids);
            for (String id : ids) {
                views.putIfAbsent(id, Optional.ofNullable(found.get(id)));
            }
            tasks.prefetch(tenant, ids);
        }
    }

    /** Decides one input and queues what it produced; an input the engine cannot take is recorded and passed. */
    void process(InputLog.Row row) throws SQLException {
        try {
            decide(row);
        } catch (StoreException | JdbiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error(
                    "input {} ({}) of tenant {} for contact {} failed and was passed by",
                    row.seq(),
                    row.key(),
                    row.tenant(),
                    row.contact().orElse("-"),
                    e);
            writes.failure(row, e);
        }
    }

    private void decide(InputLog.Row row) throws SQLException {
        String tenant = row.tenant();
        StoreContext ctx = context(tenant).at(row.seq());
        Engine engine = catalog.engine(tenant);
        Input input;
        switch (row.kind()) {
            case EVENT -> {
                Event event = StateJson.read(row.body(), Event.class);
                followRecords(tenant, event);
                if (event.contact().isEmpty()) {
                    for (Event addressed : engine.fanout(event, now, ctx)) {
                        writes.append(tenant, addressed);
                    }
                    return;
                }
                String contact = event.contact().get();
                event = tasks.complete(tenant, contact, event, writes);
                writes.activity(tenant, contact, event.occurredAt());
                writes.event(tenant, event);
                input = new Input.EventReceived(event);
            }
            case TIMER -> {
                Timer timer = StateJson.read(row.body(), Timer.class);
                if (timer.instance().isPresent() && !live(tenant, timer)) {
                    return; // re-planned or cancelled after it fell due
                }
                input = new Input.TimerFired(timer);
            }
            case COMMAND -> input = StateJson.read(row.body(), Input.Command.class);
            default -> throw new IllegalStateException("unknown input kind " + row.kind());
        }
        String contact =
                row.contact().orElseThrow(() -> new IllegalStateException("input " + row.key() + " names no contact"));
        ContactJourneys before = journeys(tenant, contact);
        Outcome outcome = engine.process(before, input, now, ctx);
        journeys.put(key(tenant, contact), outcome.next());
        for (int i = 0; i < outcome.changed().size(); i++) {
            writes.instance(tenant, outcome.changed().get(i), row.seq(), i);
        }
        if (!outcome.next().entries().equals(before.entries())) {
            writes.entries(tenant, contact, outcome.next().entries());
        }
        List<Effect> effects = outcome.effects();
        for (int i = 0; i < effects.size(); i++) {
            perform(tenant, contact, effects.get(i), row.seq(), i);
        }
    }

    private void perform(String tenant, String contact, Effect effect, long seq, int n) throws SQLException {
        switch (effect) {
            case Effect.SendMessage m -> writes.outbox(tenant, contact, m, seq, n);
            case Effect.CreateTask t -> {
                writes.task(tenant, t);
                tasks.created(tenant, t);
            }
            case Effect.CloseTask t -> {
                writes.closeTask(tenant, t.key(), "closed", t.reason());
                tasks.closed(tenant, contact, t.key());
            }
            case Effect.ScheduleTimer s -> writes.timer(tenant, s.timer());
            case Effect.CancelTimer t -> writes.cancelTimer(tenant, t.id());
            case Effect.UpdateContact u -> update(tenant, u);
            case Effect.EmitEvent e -> writes.append(tenant, e.event());
            case Effect.RecordFact f -> writes.fact(tenant, f.fact());
        }
    }

    private boolean live(String tenant, Timer fired) throws SQLException {
        return journeys(tenant, fired.contact()).instance(fired.instance().get()).stream()
                .flatMap(i -> i.timers().stream())
                .anyMatch(t -> t.id().equals(fired.id()) && t.due().equals(fired.due()));
    }

    private void update(String tenant, Effect.UpdateContact u) {
        StoreContext ctx = context(tenant);
        ctx.contact(u.contact()).ifPresent(current -> {
            ContactView next = current.updated(u.set());
            contacts.get(tenant).put(u.contact(), Optional.of(next));
            writes.contactUpdate(tenant, u.contact(), u.set());
        });
    }

    private StoreContext context(String tenant) {
        return contexts.computeIfAbsent(tenant, t -> {
            try {
                catalog.refresh(c, t); // journeys, switches or overrides changed here or on another node
            } catch (SQLException e) {
                throw new StoreException("cannot read the catalog version of tenant " + t + ": " + e.getMessage(), e);
            }
            return new StoreContext(
                    c,
                    statements,
                    t,
                    catalog,
                    contacts.computeIfAbsent(t, k -> new HashMap<>()),
                    extensions.isEmpty() ? recordsOf(t).records().extensions() : extensions);
        });
    }

    private TenantRecords.Versioned recordsOf(String tenant) {
        return recordsRead.computeIfAbsent(tenant, t -> {
            try {
                return records.current(c, t);
            } catch (SQLException e) {
                throw new StoreException("cannot read the property records of tenant " + t + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The property records follow what events say happened, as the property-management system's do: a lease
     * signed takes its unit off the market, a unit made available puts it on. The change is seen by the rest of
     * the batch and written with it.
     */
    private void followRecords(String tenant, Event event) {
        if (!extensions.isEmpty()) {
            return; // records given by a test: it moves them itself
        }
        InMemoryPropertyStore kept = recordsOf(tenant).records();
        UnitChanges.of(event, kept).ifPresent(change -> {
            kept.apply(change);
            writes.property(tenant, change);
        });
    }

    /** Whether the batch wrote messages to the outbox. */
    boolean queuedMessages() {
        return writes.queuedMessages();
    }

    /** The batch committed: the records changed in memory are as the store now has them. */
    void committed() {
        writes.propertyVersions()
                .forEach((tenant, raised) -> records.committed(
                        tenant, recordsRead.get(tenant).version(), raised.version(), raised.raises()));
    }

    /** The batch did not commit: records changed in memory are read again from the store. */
    void abandoned() {
        writes.changedTenants().forEach(records::forget);
    }

    private ContactJourneys journeys(String tenant, String contact) throws SQLException {
        String k = key(tenant, contact);
        ContactJourneys known = journeys.get(k);
        if (known == null) {
            known = StateRows.load(c, tenant, contact);
            journeys.put(k, known);
        }
        return known;
    }

    private static String key(String tenant, String contact) {
        return tenant + "\u0000" + contact;
    }

    /** Writes what the batch produced on a write connection (not necessarily the one it read with). */
    void flush(Connection writer, Dialect dialect) throws SQLException {
        writes.flush(writer, dialect);
    }
}
