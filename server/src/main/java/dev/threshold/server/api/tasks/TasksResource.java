package dev.threshold.server.api.tasks;

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
    private final TaskWork work;
    private final long maxBody;

    public TasksResource(Store store, InstantSource clock, long maxBody) {
        this.store = store;
        this.work = new TaskWork(store, clock);
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

    private void get(Context ctx) {
        Respond.ok(ctx, work.find(Gate.caller(ctx), Requests.id(ctx, "key")).view());
    }

    private void claim(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String key = Requests.id(ctx, "key");
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("by");
        String by = f.text("by", true, 200).orElse("");
        f.done();
        Respond.ok(ctx, work.claim(caller, key, by).view());
    }

    private void complete(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String key = Requests.id(ctx, "key");
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("by", "outcome");
        String by = f.text("by", true, 200).orElse("");
        Optional<String> outcome = f.text("outcome", false, 2000);
        f.done();
        String eventKey = work.complete(caller, key, by, outcome);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", key);
        body.put("event", eventKey);
        body.put("status", "completing");
        Respond.json(ctx, 202, body);
    }
}
