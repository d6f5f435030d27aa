package dev.threshold.runtime.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.contact.ContactRef;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;

/**
 * Takes events in: checks each envelope and its data, refuses a repeated idempotency key without effect,
 * resolves the person it is about, appends it to the event log, and answers once the append is durable.
 * A batch shares one commit with whatever else is committing at that moment.
 *
 * <pre>{@code
 * IngestResult r = ingest.ingest("acme", json);   // Accepted, Duplicate or Rejected (with every problem)
 * }</pre>
 */
public final class Ingest {
    private final Store store;
    private final EnvelopeReader reader;
    private final Partitions partitions;
    private final InstantSource clock;
    private final Runnable appended;
    /** Batches checked and waiting for an append; {@code scheduled} while a job to append them is queued. */
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** The most events one append takes from waiting callers (a caller's batch is never split). */
    private static final int MAX_EVENTS_PER_APPEND = 5_000;

    public Ingest(Store store, EventCatalog catalog, InstantSource clock) {
        this(store, catalog, clock, () -> {});
    }

    /** @param appended told after each commit that appended events (to wake the workers) */
    public Ingest(Store store, EventCatalog catalog, InstantSource clock, Runnable appended) {
        this.appended = appended;
        this.store = store;
        this.reader = new EnvelopeReader(catalog);
        this.partitions = store.partitions();
        this.clock = clock;
    }

    public IngestResult ingest(String tenant, JsonNode envelope) {
        return ingest(tenant, List.of(envelope)).get(0);
    }

    /** Ingests a batch; the results are in the order of the envelopes. */
    public List<IngestResult> ingest(String tenant, List<JsonNode> envelopes) {
        try {
            return submit(tenant, envelopes).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for events to be durable", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new StoreException("ingest failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Checks the batch now and completes once its accepted events are durable. */
    public CompletableFuture<List<IngestResult>> submit(String tenant, List<JsonNode> envelopes) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is required");
        }
        List<Checked> checked = new ArrayList<>(envelopes.size());
        for (JsonNode e : envelopes) {
            checked.add(Checked.of(reader.read(e)));
        }
        if (checked.stream().allMatch(r -> r.read().parsed().isEmpty())) {
            return CompletableFuture.completedFuture(rejections(checked));
        }
        Pending batch = new Pending(tenant, checked, new CompletableFuture<>());
        pending.add(batch);
        if (scheduled.compareAndSet(false, true)) {
            appendWaiting();
        }
        return batch.done();
    }

    /** A caller's batch, checked, waiting for the next append. */
    private record Pending(String tenant, List<Checked> checked, CompletableFuture<List<IngestResult>> done) {}

    /**
     * Appends every batch waiting when the job runs in one go: one duplicate check, one contact check and one
     * insert for all of them, instead of a round of statements for each caller. Many callers sending an event
     * each (webhooks, the HTTP API) then cost the store what one caller sending them all would.
     */
    private void appendWaiting() {
        List<Pending> taken = new ArrayList<>();
        store.submit(h -> {
                    scheduled.set(false); // a batch added from now on schedules the next job
                    int events = 0;
                    Pending next;
                    while (events < MAX_EVENTS_PER_APPEND && (next = pending.poll()) != null) {
                        taken.add(next);
                        events += next.checked().size();
                    }
                    if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
                        appendWaiting(); // more than one append's worth: the rest goes to the next commit
                    }
                    return appendAll(h, taken);
                })
                .whenComplete((results, failure) -> {
                    if (failure == null) {
                        appended.run();
                        for (int i = 0; i < taken.size(); i++) {
                            taken.get(i).done().complete(results.get(i));
                        }
                    } else if (taken.isEmpty()) {
                        // the store refused the job before it ran (closed): nobody waiting will be appended
                        scheduled.set(false);
                        for (Pending p; (p = pending.poll()) != null; ) {
                            p.done().completeExceptionally(failure);
                        }
                    } else if (taken.size() == 1) {
                        taken.get(0).done().completeExceptionally(failure);
                    } else {
                        // one caller's failure is not another's: each batch again, alone
                        for (Pending p : taken) {
                            store.submit(h -> append(h, p.tenant(), p.checked()))
                                    .whenComplete((r, f) -> {
                                        if (f == null) {
                                            p.done().complete(r);
                                        } else {
                                            p.done().completeExceptionally(f);
                                        }
                                    });
                        }
                    }
                });
    }

    /** Appends the batches, the ones of a tenant together; returns each batch's results, in its order. */
    private List<List<IngestResult>> appendAll(Handle h, List<Pending> taken) throws SQLException {
        Map<String, List<Pending>> byTenant = new LinkedHashMap<>();
        for (Pending p : taken) {
            byTenant.computeIfAbsent(p.tenant(), t -> new ArrayList<>()).add(p);
        }
        Map<Pending, List<IngestResult>> answers = new java.util.IdentityHashMap<>();
        for (Map.Entry<String, List<Pending>> tenant : byTenant.entrySet()) {
            List<Checked> all = new ArrayList<>();
            tenant.getValue().forEach(p -> all.addAll(p.checked()));
            List<IngestResult> results = append(h, tenant.getKey(), all);
            int from = 0;
            for (Pending p : tenant.getValue()) {
                answers.put(p, results.subList(from, from + p.checked().size()));
                from += p.checked().size();
            }
        }
        List<List<IngestResult>> out = new ArrayList<>(taken.size());
        taken.forEach(p -> out.add(List.copyOf(answers.get(p))));
        return out;
    }

    /**
     * An envelope as read on the caller's thread, with its event already written as JSON when its person is
     * known by Threshold id (or it names none): the writer's thread is left only the SQL.
     */
    private record Checked(EnvelopeReader.Read read, Optional<String> body) {
        static Checked of(EnvelopeReader.Read read) {
            Optional<String> body = read.parsed()
                    .filter(p -> p.contact().isEmpty() || p.contact().get().id().isPresent())
                    .map(p -> StateJson.write(event(p, p.contact().flatMap(ContactRef::id))));
            return new Checked(read, body);
        }
    }

    private static Event event(EnvelopeReader.Parsed p, Optional<String> contact) {
        return new Event(
                p.id(), p.type(), p.occurredAt(), contact, p.community(), p.subject(), p.data(), Optional.empty());
    }

    private static List<IngestResult> rejections(List<Checked> checked) {
        List<IngestResult> out = new ArrayList<>();
        checked.forEach(
                c -> out.add(new IngestResult.Rejected(c.read().id(), c.read().problems())));
        return out;
    }

    private List<IngestResult> append(Handle h, String tenant, List<Checked> checked) throws SQLException {
        Connection c = h.getConnection();
        List<String> keys = checked.stream()
                .flatMap(r -> r.read().parsed().stream())
                .map(EnvelopeReader.Parsed::id)
                .toList();
        Set<String> seen = new HashSet<>(InputLog.existing(c, tenant, keys));
        Instant now = clock.instant();
        Map<String, ContactRef> named = new LinkedHashMap<>();
        List<Reported> reported = new ArrayList<>();
        List<IngestResult> results = new ArrayList<>(checked.size());
        List<InputLog.Entry> entries = new ArrayList<>();
        for (Checked one : checked) {
            EnvelopeReader.Read read = one.read();
            if (read.parsed().isEmpty()) {
                results.add(new IngestResult.Rejected(read.id(), read.problems()));
                continue;
            }
            EnvelopeReader.Parsed p = read.parsed().get();
            if (!seen.add(p.id())) {
                results.add(new IngestResult.Duplicate(p.id()));
                continue;
            }
            Optional<String> contact;
            String body;
            if (one.body().isPresent()) {
                contact = p.contact().flatMap(ContactRef::id);
                contact.ifPresent(id -> named.putIfAbsent(id, p.contact().get()));
                body = one.body().get();
            } else {
                contact = Optional.of(
                        Directory.resolve(c, partitions, tenant, p.contact().get(), now));
                body = StateJson.write(event(p, contact));
            }
            if (p.type().equals("consent.changed") && contact.isPresent()) {
                reported.add(new Reported(contact.get(), p));
            }
            int partition = contact.map(ct -> partitions.of(tenant, ct))
                    .orElseGet(() -> partitions.ofUnaddressed(tenant, p.id()));
            entries.add(new InputLog.Entry(
                    tenant, p.id(), partition, InputLog.Kind.EVENT, contact, p.type(), p.occurredAt(), body));
            results.add(new IngestResult.Accepted(p.id(), contact.orElse("")));
        }
        Directory.ensureAll(c, partitions, tenant, named, now);
        for (Reported r : reported) {
            // a consent an integrator reports is honoured by the dispatcher too, not only heard by journeys
            Consents.recordReported(
                    c,
                    partitions,
                    tenant,
                    r.contact(),
                    r.event().data(),
                    r.event().occurredAt());
        }
        InputLog.append(c, store.dialect(), entries, now);
        return results;
    }

    /** A consent.changed event of the batch, recorded once its contact exists. */
    private record Reported(String contact, EnvelopeReader.Parsed event) {}
}
