package dev.threshold.runtime.processing;

import dev.threshold.domain.property.ChangeSet;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.Fact;
import dev.threshold.engine.core.InstanceState;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.core.Timer;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.analytics.Rollups;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.property.StoredProperties;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a batch of inputs produced, kept until the end of the batch and then written with one batched
 * statement per table: instance states, entry records, timers, outbox rows, tasks, facts, contact changes and
 * the events it emitted, and the dashboard's running totals of the facts and events ({@link Rollups}).
 */
final class BatchWrites {
    private final Partitions partitions;
    private final Instant now;

    private record InstanceRow(String tenant, InstanceState state, long createdSeq, int createdNo) {}

    private final Map<String, InstanceRow> instances = new LinkedHashMap<>();
    private List<Object[]> instanceRows;
    private final Map<String, Object[]> entries = new LinkedHashMap<>();
    private final Map<String, Optional<Object[]>> timers = new LinkedHashMap<>();
    private final List<Object[]> outbox = new ArrayList<>();
    private final List<Object[]> tasks = new ArrayList<>();
    private final Map<String, Object[]> taskCloses = new LinkedHashMap<>();
    private final List<Object[]> facts = new ArrayList<>();
    private final Map<String, Object[]> stepCounts = new LinkedHashMap<>();
    private final List<Object[]> failures = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> contactUpdates = new LinkedHashMap<>();
    private final Map<String, Object[]> activity = new HashMap<>();
    private final List<InputLog.Entry> appends = new ArrayList<>();
    private final Map<String, List<ChangeSet>> propertyChanges = new LinkedHashMap<>();
    private final Map<String, Raised> propertyVersions = new LinkedHashMap<>();
    private final Rollups rollups;

    /** How far a batch raised a tenant's property version, and in how many steps. */
    record Raised(long version, int raises) {}

    BatchWrites(Partitions partitions, Instant now) {
        this.partitions = partitions;
        this.now = now;
        this.rollups = new Rollups(partitions);
    }

    void instance(String tenant, InstanceState s, long seq, int n) {
        String k = tenant + "\u0000" + s.id();
        InstanceRow earlier = instances.get(k);
        instances.put(
                k,
                earlier == null
                        ? new InstanceRow(tenant, s, seq, n)
                        : new InstanceRow(tenant, s, earlier.createdSeq(), earlier.createdNo()));
    }

    void entries(String tenant, String contact, List<ContactJourneys.EntryRecord> records) {
        for (ContactJourneys.EntryRecord r : records) {
            entries.put(tenant + "\u0000" + contact + "\u0000" + r.journey() + "\u0000" + r.key(), new Object[] {
                tenant,
                contact,
                r.journey(),
                r.key(),
                partitions.of(tenant, contact),
                r.count(),
                r.lastEnteredAt().toEpochMilli()
            });
        }
    }

    void timer(String tenant, Timer t) {
        timers.put(tenant + "\u0000" + t.id(), Optional.of(new Object[] {
            tenant,
            t.id(),
            partitions.of(tenant, t.contact()),
            t.contact(),
            Sql.text(t.instance()),
            t.journey(),
            t.kind().name().toLowerCase(Locale.ROOT),
            t.due().toEpochMilli(),
            StateJson.write(t)
        }));
    }

    void cancelTimer(String tenant, String id) {
        timers.put(tenant + "\u0000" + id, Optional.empty());
    }

    boolean queuedMessages() {
        return !outbox.isEmpty();
    }

    void outbox(String tenant, String contact, Effect.SendMessage m, long seq, int n) {
        outbox.add(new Object[] {
            tenant,
            m.key(),
            partitions.of(tenant, contact),
            m.recipient().orElse(contact),
            m.instance(),
            m.journey(),
            m.step(),
            m.purpose().name().toLowerCase(Locale.ROOT),
            now,
            seq,
            n,
            now,
            now,
            StateJson.write(m)
        });
    }

    void task(String tenant, Effect.CreateTask t) {
        tasks.add(new Object[] {
            tenant,
            t.key(),
            partitions.of(tenant, t.contact()),
            t.contact(),
            t.instance(),
            t.journey(),
            t.step(),
            Sql.text(t.community()),
            t.role(),
            t.title(),
            t.description(),
            t.due(),
            Sql.millis(t.escalateAt()),
            Sql.text(t.escalateTo()),
            now
        });
    }

    void closeTask(String tenant, String key, String status, String reason) {
        taskCloses.putIfAbsent(tenant + "\u0000" + key, new Object[] {status, now, reason, tenant, key});
    }

    void fact(String tenant, Fact f) {
        rollups.fact(tenant, f);
        if (f.kind() == Fact.Kind.STEP
                && f.step().isPresent()
                && f.detail().keySet().equals(Set.of("kind"))) {
            String k = String.join(
                    "\u0000",
                    tenant,
                    f.journey(),
                    String.valueOf(f.version()),
                    f.step().get(),
                    f.community().orElse(""));
            Object[] row = stepCounts.computeIfAbsent(k, x -> new Object[] {
                tenant, f.journey(), f.version(), f.step().get(), f.community().orElse(""), 0L, now
            });
            row[5] = (Long) row[5] + 1;
            return;
        }
        Object event = f.detail().getOrDefault("event_id", f.detail().get("trigger_id"));
        facts.add(new Object[] {
            tenant,
            partitions.of(tenant, f.contact()),
            f.contact(),
            f.journey(),
            f.version(),
            f.instance(),
            f.kind().name().toLowerCase(Locale.ROOT),
            f.at(),
            Sql.text(f.community()),
            Sql.text(f.stage()),
            Sql.text(f.step()),
            event == null ? Sql.NULL_TEXT : event.toString(),
            StateJson.write(f.detail())
        });
    }

    /**
     * A journey's update of a contact's attributes or preferences. Kept as the fields it sets, not as the whole
     * contact, and applied at write time to the contact as stored then: a change made meanwhile by the API or an
     * import (a consent, a new phone) is kept, not overwritten by the copy the batch read.
     */
    void contactUpdate(String tenant, String contact, Map<String, Object> set) {
        contactUpdates
                .computeIfAbsent(tenant + "\u0000" + contact, k -> new ArrayList<>())
                .add(set);
    }

    /** An event processed for a contact, counted for the dashboard. */
    void event(String tenant, Event e) {
        rollups.event(tenant, e);
    }

    void activity(String tenant, String contact, Instant at) {
        String k = tenant + "\u0000" + contact;
        Object[] earlier = activity.get(k);
        if (earlier == null || (Long) earlier[0] < at.toEpochMilli()) {
            long ms = at.toEpochMilli();
            activity.put(k, new Object[] {ms, tenant, contact, ms});
        }
    }

    void append(String tenant, Event e) {
        appends.add(new InputLog.Entry(
                tenant,
                e.id(),
                e.contact()
                        .map(c -> partitions.of(tenant, c))
                        .orElseGet(() -> partitions.ofUnaddressed(tenant, e.id())),
                InputLog.Kind.EVENT,
                e.contact(),
                e.type(),
                e.occurredAt(),
                StateJson.write(e)));
    }

    void property(String tenant, ChangeSet change) {
        propertyChanges.computeIfAbsent(tenant, t -> new ArrayList<>()).add(change);
    }

    /** The tenants whose property records the batch changed. */
    java.util.Set<String> changedTenants() {
        return propertyChanges.keySet();
    }

    /** After {@link #flush}: the property version each changed tenant was raised to. */
    Map<String, Raised> propertyVersions() {
        return propertyVersions;
    }

    void failure(InputLog.Row row, RuntimeException e) {
        failures.add(new Object[] {row.tenant(), row.seq(), row.key(), String.valueOf(e), now});
    }

    /**
     * Turns what the batch kept into rows, serialising instance states: done on the worker's thread, so the one
     * thread that writes (SQLite's) spends its time on SQL only.
     */
    void seal() {
        List<Object[]> rows = new ArrayList<>(instances.size());
        for (InstanceRow r : instances.values()) {
            InstanceState s = r.state();
            rows.add(new Object[] {
                r.tenant(),
                s.id(),
                partitions.of(r.tenant(), s.contact()),
                s.contact(),
                s.journey(),
                s.version(),
                s.key(),
                s.status().name().toLowerCase(Locale.ROOT),
                s.isActive(),
                s.stage(),
                s.step(),
                StateJson.write(s),
                r.createdSeq(),
                r.createdNo(),
                now
            });
        }
        instanceRows = rows;
    }

    void flush(Connection c, Dialect dialect) throws SQLException {
        if (instanceRows == null) {
            seal();
        }
        writeInstances(c);
        Sql.batch(
                c,
                "INSERT INTO entries (tenant_id, contact_id, journey_id, entry_key, partition, entered, last_entered_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, contact_id, journey_id, entry_key)"
                        + " DO UPDATE SET entered = excluded.entered, last_entered_at = excluded.last_entered_at",
                List.copyOf(entries.values()));
        writeTimers(c);
        Sql.batch(
                c,
                "INSERT INTO outbox (tenant_id, message_key, partition, contact_id, instance_id, journey_id, step,"
                        + " purpose, status, attempts, next_attempt_at, input_seq, effect_no, created_at, updated_at,"
                        + " message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, message_key) DO NOTHING",
                outbox);
        Sql.batch(
                c,
                "INSERT INTO tasks (tenant_id, task_key, partition, contact_id, instance_id, journey_id, step,"
                        + " community_id, role, title, description, status, due_at, escalate_at, escalate_to, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, task_key) DO NOTHING",
                tasks);
        Sql.batch(
                c,
                "UPDATE tasks SET status = ?, closed_at = ?, close_reason = ?"
                        + " WHERE tenant_id = ? AND task_key = ? AND status = 'open'",
                List.copyOf(taskCloses.values()));
        Sql.batch(
                c,
                "INSERT INTO facts (tenant_id, partition, contact_id, journey_id, version, instance_id, kind, at,"
                        + " community_id, stage, step, event_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                facts);
        Sql.batch(
                c,
                "INSERT INTO step_counts (tenant_id, journey_id, version, step, community_id, runs, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, journey_id, version, step, community_id)"
                        + " DO UPDATE SET runs = step_counts.runs + excluded.runs, updated_at = excluded.updated_at",
                List.copyOf(stepCounts.values()));
        rollups.flush(c);
        Sql.batch(
                c,
                "INSERT INTO input_failures (tenant_id, seq, event_key, error, at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, seq) DO NOTHING",
                failures);
        for (Map.Entry<String, List<Map<String, Object>>> e : contactUpdates.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            Optional<ContactView> stored = Directory.findContactForUpdate(c, dialect, k[0], k[1]);
            if (stored.isPresent()) {
                ContactView updated = stored.get();
                for (Map<String, Object> set : e.getValue()) {
                    updated = updated.updated(set);
                }
                Directory.writeContact(c, partitions, k[0], updated, now);
            }
        }
        Sql.batch(
                c,
                "UPDATE contacts SET last_activity_at = ? WHERE tenant_id = ? AND contact_id = ?"
                        + " AND (last_activity_at IS NULL OR last_activity_at < ?)",
                List.copyOf(activity.values()));
        for (Map.Entry<String, List<ChangeSet>> e : propertyChanges.entrySet()) {
            long version = 0;
            for (ChangeSet change : e.getValue()) {
                version = StoredProperties.writeRecords(c, partitions, e.getKey(), change, now);
            }
            propertyVersions.put(e.getKey(), new Raised(version, e.getValue().size()));
        }
        InputLog.append(c, dialect, appends, now); // last: it holds the append lock until the commit
    }

    private void writeInstances(Connection c) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO instances (tenant_id, instance_id, partition, contact_id, journey_id, version,"
                        + " instance_key, status, active, stage, step, state, created_seq, created_no, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, instance_id)"
                        + " DO UPDATE SET version = excluded.version, status = excluded.status, active = excluded.active,"
                        + " stage = excluded.stage, step = excluded.step, state = excluded.state,"
                        + " updated_at = excluded.updated_at",
                instanceRows);
    }

    private void writeTimers(Connection c) throws SQLException {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        for (Map.Entry<String, Optional<Object[]>> t : timers.entrySet()) {
            if (t.getValue().isPresent()) {
                upserts.add(t.getValue().get());
            } else {
                String[] k = t.getKey().split("\u0000", 2);
                deletes.add(new Object[] {k[0], k[1]});
            }
        }
        Sql.batch(c, "DELETE FROM timers WHERE tenant_id = ? AND timer_id = ?", deletes);
        Sql.batch(
                c,
                "INSERT INTO timers (tenant_id, timer_id, partition, contact_id, instance_id, journey_id, kind, due_at,"
                        + " timer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, timer_id) DO UPDATE SET"
                        + " due_at = excluded.due_at, timer = excluded.timer, instance_id = excluded.instance_id",
                upserts);
    }
}
