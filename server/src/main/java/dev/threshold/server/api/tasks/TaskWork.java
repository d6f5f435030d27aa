package dev.threshold.server.api.tasks;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.http.ApiError;
import java.sql.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Working a staff task, for the API and the dashboard alike: claiming it (409 when someone else holds it) and
 * completing it, which appends a {@code task.completed} event for its contact; the journey that created the task
 * hears it in order with the contact's other inputs.
 */
public final class TaskWork {
    private final Store store;
    private final InstantSource clock;

    public TaskWork(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The task, when the caller may see it; otherwise not found. */
    public TaskQueries.Task find(Caller caller, String key) {
        return store.read(h -> TaskQueries.find(h.getConnection(), caller, key))
                .orElseThrow(() -> ApiError.notFound("task", key));
    }

    /** Claims an open task for {@code by}; claiming it again for the same person changes nothing. */
    public TaskQueries.Task claim(Caller caller, String key, String by) {
        TaskQueries.Task task = find(caller, key);
        if (!task.status().equals("open")) {
            throw ApiError.conflict("task '" + key + "' is " + task.status() + "; only an open task can be claimed");
        }
        Instant now = clock.instant();
        Optional<String> holder = store.write(h -> {
            Connection c = h.getConnection();
            Sql.update(
                    c,
                    "INSERT INTO task_claims (tenant_id, task_key, partition, contact_id, claimed_by, claimed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, task_key) DO NOTHING",
                    caller.tenant(),
                    key,
                    store.partitions().of(caller.tenant(), task.contact()),
                    task.contact(),
                    by,
                    now);
            return TaskQueries.claimant(c, caller.tenant(), key);
        });
        if (holder.isPresent() && !holder.get().equals(by)) {
            throw ApiError.conflict("task '" + key + "' is already claimed by " + holder.get());
        }
        return find(caller, key);
    }

    /** Completes an open task; returns the key of the {@code task.completed} event it appended. */
    public String complete(Caller caller, String key, String by, Optional<String> outcome) {
        TaskQueries.Task task = find(caller, key);
        if (!task.status().equals("open")) {
            throw ApiError.conflict("task '" + key + "' is " + task.status() + "; it cannot be completed again");
        }
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task", key);
        data.put("step", task.step());
        data.put("journey", task.journey());
        data.put("by", by);
        outcome.ifPresent(o -> data.put("outcome", o));
        String eventKey = "task-completed:" + key;
        Event event = new Event(
                eventKey,
                "task.completed",
                now,
                Optional.of(task.contact()),
                task.community(),
                Map.of("task", key),
                data,
                Optional.empty());
        store.write(h -> {
            InputLog.append(
                    h.getConnection(),
                    store.dialect(),
                    List.of(new InputLog.Entry(
                            caller.tenant(),
                            eventKey,
                            store.partitions().of(caller.tenant(), task.contact()),
                            InputLog.Kind.EVENT,
                            Optional.of(task.contact()),
                            event.type(),
                            now,
                            StateJson.write(event))),
                    now);
            return null;
        });
        return eventKey;
    }
}
