package dev.threshold.runtime.processing;

import dev.threshold.engine.core.Effect;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The open staff tasks of the contacts in a batch, to complete them: a {@code task.completed} may name the task
 * by its key, or only by the step that created it (the staff member knows the step, not the key); then the
 * contact's first open task of that step is the one, and the event is given its key for the engine.
 */
final class TaskBook {
    private record Open(String step, String journey) {}

    private final Connection c;
    private final Map<String, LinkedHashMap<String, Open>> open = new HashMap<>();

    TaskBook(Connection c) {
        this.c = c;
    }

    Event complete(String tenant, String contact, Event event, BatchWrites writes) throws SQLException {
        if (!event.type().equals("task.completed")) {
            return event;
        }
        LinkedHashMap<String, Open> tasks = of(tenant, contact);
        Object named = event.data().get("task");
        if (named != null) {
            if (tasks.remove(named.toString()) != null) {
                writes.closeTask(tenant, named.toString(), "done", "completed");
            }
            return event;
        }
        Object step = event.data().get("step");
        for (Map.Entry<String, Open> t : tasks.entrySet()) {
            if (step == null || t.getValue().step().equals(step)) {
                Map<String, Object> data = new LinkedHashMap<>(event.data());
                data.put("task", t.getKey());
                data.putIfAbsent("step", t.getValue().step());
                data.putIfAbsent("journey", t.getValue().journey());
                String key = t.getKey();
                tasks.remove(key);
                writes.closeTask(tenant, key, "done", "completed");
                return new Event(
                        event.id(),
                        event.type(),
                        event.occurredAt(),
                        event.contact(),
                        event.community(),
                        event.subject(),
                        data,
                        event.journey());
            }
        }
        return event;
    }

    void created(String tenant, Effect.CreateTask t) throws SQLException {
        of(tenant, t.contact()).putIfAbsent(t.key(), new Open(t.step(), t.journey()));
    }

    void closed(String tenant, String contact, String key) throws SQLException {
        of(tenant, contact).remove(key);
    }

    /** Loads the open tasks of many contacts with one query per chunk. */
    void prefetch(String tenant, java.util.List<String> contacts) throws SQLException {
        for (String ct : contacts) {
            open.putIfAbsent(tenant + "\u0000" + ct, new LinkedHashMap<>());
        }
        for (int from = 0; from < contacts.size(); from += 500) {
            java.util.List<String> chunk = contacts.subList(from, Math.min(contacts.size(), from + 500));
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, task_key, step, journey_id FROM tasks"
                    + " WHERE tenant_id = ? AND contact_id IN (" + Sql.marks(chunk.size()) + ") AND status = 'open'"
                    + " ORDER BY contact_id, created_at, task_key")) {
                Sql.bind(st, StateRows.params(tenant, chunk));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        open.get(tenant + "\u0000" + rs.getString(1))
                                .put(rs.getString(2), new Open(rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
    }

    private LinkedHashMap<String, Open> of(String tenant, String contact) throws SQLException {
        String k = tenant + "\u0000" + contact;
        LinkedHashMap<String, Open> tasks = open.get(k);
        if (tasks == null) {
            tasks = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT task_key, step, journey_id FROM tasks"
                    + " WHERE tenant_id = ? AND contact_id = ? AND status = 'open' ORDER BY created_at, task_key")) {
                Sql.bind(st, tenant, contact);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tasks.put(rs.getString(1), new Open(rs.getString(2), rs.getString(3)));
                    }
                }
            }
            open.put(k, tasks);
        }
        return tasks;
    }
}
