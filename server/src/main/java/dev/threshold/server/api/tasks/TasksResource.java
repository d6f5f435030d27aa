package dev.threshold.server.api.tasks;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.instances.Known;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.sql.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/tasks}: the staff task inbox. A task is claimed by the person working it (409 when someone else
 * holds it), and completed by a {@code task.completed} event for its contact, which the journey that created it
 * hears in order with the contact's other inputs; the answer is 202 because the journey moves on shortly after.
 */
public final class TasksResource implements Resource {
    private final Store store;
    private final InstantSource clock;
    private final long maxBody;

    public TasksResource(Store store, InstantSource clock, long maxBody) {
        this.store = store;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/tasks", Permission.READ, this::list);
        routes.get("/v1/tasks/{key}", Permission.READ, this::get);
        routes.post("/v1/tasks/{key}/claim", Permission.WORK_TASKS, this::claim);
        routes.post("/v1/tasks/{key}/complete", Permission.WORK_TASKS, this::complete);
    }

    private void list(Context ctx) {
        Caller caller = Gate.caller(ctx);
        PageRequest page = PageRequest.of(ctx, 2);
        TaskQueries.Filter filter = new TaskQueries.Filter(
                Optional.ofNullable(ctx.queryParam("status")),
                Optional.ofNullable(ctx.queryParam("role")),
                Optional.ofNullable(ctx.queryParam("contact")),
                Optional.ofNullable(ctx.queryParam("community")),
                Optional.ofNullable(ctx.queryParam("claimed_by")));
        filter.status().ifPresent(s -> {
            if (!Set.of("open", "done", "closed").contains(s)) {
                throw ApiError.badParameter("status", "'" + Requests.clip(s, 30) + "' is not open, done or closed");
            }
        });
        filter.contact().ifPresent(c -> Known.contact(store, caller, c));
        filter.community().ifPresent(c -> {
            if (!caller.sees(c)) {
                throw ApiError.notFound("community", c);
            }
        });
        List<TaskQueries.Task> rows = store.read(h -> TaskQueries.list(h.getConnection(), caller, filter, page));
        Respond.page(ctx, page.page(rows, TaskQueries.Task::cursor).map(TaskQueries.Task::view));
    }

    private TaskQueries.Task find(Caller caller, String key) {
        return store.read(h -> TaskQueries.find(h.getConnection(), caller, key))
                .orElseThrow(() -> ApiError.notFound("task", key));
    }

    private void get(Context ctx) {
        Respond.ok(ctx, find(Gate.caller(ctx), Requests.id(ctx, "key")).view());
    }

    private void claim(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String key = Requests.id(ctx, "key");
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("by");
        String by = f.text("by", true, 200).orElse("");
        f.done();
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
        Respond.ok(ctx, find(caller, key).view());
    }

    private void complete(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String key = Requests.id(ctx, "key");
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("by", "outcome");
        String by = f.text("by", true, 200).orElse("");
        Optional<String> outcome = f.text("outcome", false, 2000);
        f.done();
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", key);
        body.put("event", eventKey);
        body.put("status", "completing");
        Respond.json(ctx, 202, body);
    }
}
