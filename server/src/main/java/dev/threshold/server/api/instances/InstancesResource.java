package dev.threshold.server.api.instances;

import dev.threshold.engine.core.Input;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /v1/instances}: journey instances by journey, contact, stage or status, and the commands a person gives one
 * (cancel, pause, resume, take over). A command is queued in the contact's partition and applied in order with
 * the contact's other inputs; the answer is 202 with the command's key.
 */
public final class InstancesResource implements Resource {
    private static final Set<String> STATUSES = Set.of(
            "active", "paused", "awaiting_goal", "holdout", "completed", "exited", "ended", "cancelled", "failed");

    private final Store store;
    private final ThresholdRuntime runtime;
    private final long maxBody;

    public InstancesResource(Store store, ThresholdRuntime runtime, long maxBody) {
        this.store = store;
        this.runtime = runtime;
        this.maxBody = maxBody;
    }

    /** An instance as listed. */
    record Row(
            String id,
            String journey,
            int version,
            String contact,
            String status,
            boolean active,
            String stage,
            String step,
            Instant updatedAt) {
        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("journey", journey);
            m.put("version", version);
            m.put("contact", contact);
            m.put("status", status);
            m.put("active", active);
            m.put("stage", stage);
            m.put("step", step);
            m.put("updated_at", updatedAt);
            return m;
        }
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/instances", Permission.READ, this::list);
        routes.get("/v1/instances/{id}", Permission.READ, this::get);
        for (Input.Command.Kind kind : Input.Command.Kind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            routes.post("/v1/instances/{id}/" + name, Permission.COMMAND_INSTANCES, ctx -> command(ctx, kind));
        }
    }

    private static final String SELECT = "SELECT instance_id, journey_id, version, contact_id, status, active, stage,"
            + " step, updated_at FROM instances WHERE tenant_id = ?";

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6) == 1,
                rs.getString(7),
                rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)));
    }

    private void list(Context ctx) {
        Caller caller = Gate.caller(ctx);
        PageRequest page = PageRequest.of(ctx, 1);
        Query q = new Query(SELECT, caller.tenant());
        q.and(Scope.contactFilter(caller, "contact_id"));
        Optional.ofNullable(ctx.queryParam("journey")).ifPresent(j -> {
            Known.journey(store, caller, j);
            q.and("journey_id = ?", j);
        });
        Optional.ofNullable(ctx.queryParam("contact")).ifPresent(c -> {
            Known.contact(store, caller, c);
            q.and("contact_id = ?", c);
        });
        Optional.ofNullable(ctx.queryParam("stage")).ifPresent(s -> q.and("stage = ?", s));
        Optional.ofNullable(ctx.queryParam("status")).ifPresent(s -> {
            if (!STATUSES.contains(s)) {
                throw ApiError.badParameter("status", "'" + Requests.clip(s, 30) + "' is not one of " + STATUSES);
            }
            q.and("status = ?", s);
        });
        page.after().ifPresent(a -> q.and("instance_id > ?", a.get(0)));
        q.append(" ORDER BY instance_id LIMIT ?", page.fetch());
        List<Row> rows = store.read(h -> q.list(h.getConnection(), InstancesResource::row));
        Respond.page(ctx, page.page(rows, r -> List.of(r.id())).map(Row::view));
    }

    private Row find(Caller caller, String id) {
        Query q = new Query(SELECT, caller.tenant()).and("instance_id = ?", id);
        q.and(Scope.contactFilter(caller, "contact_id"));
        return store.read(h -> q.list(h.getConnection(), InstancesResource::row)).stream()
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("instance", id));
    }

    private void get(Context ctx) {
        Respond.ok(ctx, find(Gate.caller(ctx), Requests.id(ctx, "id")).view());
    }

    private void command(Context ctx, Input.Command.Kind kind) {
        Caller caller = Gate.caller(ctx);
        Row instance = find(caller, Requests.id(ctx, "id"));
        String by = caller.keyId();
        String note = "";
        if (ctx.req().getContentLengthLong() > 0 || ctx.header("Content-Type") != null) {
            Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
            f.allow("by", "note");
            by = f.text("by", false, 200).orElse(by);
            note = f.text("note", false, 2000).orElse("");
            f.done();
        }
        if (!instance.active()) {
            throw ApiError.conflict("instance '" + instance.id() + "' is " + instance.status() + "; only an active"
                    + " instance takes commands");
        }
        String key = Optional.ofNullable(ctx.header("Idempotency-Key")).orElseGet(() -> "cmd-" + UUID.randomUUID());
        if (key.isBlank() || key.length() > 200) {
            throw ApiError.badParameter("Idempotency-Key", "an idempotency key is 1 to 200 characters");
        }
        runtime.command(caller.tenant(), instance.contact(), new Input.Command(kind, instance.id(), by, note), key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance", instance.id());
        body.put("command", kind.name().toLowerCase(Locale.ROOT));
        body.put("queued_as", key);
        Respond.json(ctx, 202, body);
    }
}
