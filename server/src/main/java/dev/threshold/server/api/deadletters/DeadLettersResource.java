package dev.threshold.server.api.deadletters;

import dev.threshold.runtime.outbox.DeadLetters;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
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
import java.util.Map;

/**
 * {@code /v1/dead-letters}: the messages the dispatcher gave up on, newest first, and putting them back in the
 * outbox with their attempts reset (one, or all of the tenant's).
 */
public final class DeadLettersResource implements Resource {
    private final Store store;
    private final DeadLetters letters;

    public DeadLettersResource(Store store, DeadLetters letters) {
        this.store = store;
        this.letters = letters;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/dead-letters", Permission.READ, this::list);
        routes.post("/v1/dead-letters/retry-all", Permission.RETRY_DEAD_LETTERS, this::retryAll);
        routes.post("/v1/dead-letters/{key}/retry", Permission.RETRY_DEAD_LETTERS, this::retry);
    }

    private static final String SELECT = "SELECT message_key, contact_id, journey_id, step, attempts, last_error,"
            + " updated_at FROM outbox WHERE tenant_id = ? AND status = 'dead'";

    private static Map<String, Object> row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", rs.getString(1));
        m.put("contact", rs.getString(2));
        m.put("journey", rs.getString(3));
        m.put("step", rs.getString(4));
        m.put("attempts", rs.getInt(5));
        m.put("last_error", rs.getString(6) == null ? "" : rs.getString(6));
        m.put("since", Instant.ofEpochMilli(rs.getLong(7)));
        return m;
    }

    private void list(Context ctx) {
        Caller caller = Gate.caller(ctx);
        PageRequest page = PageRequest.of(ctx, 2);
        Query q = new Query(SELECT, caller.tenant()).and(Scope.contactFilter(caller, "contact_id"));
        page.after().ifPresent(a -> {
            long at = PageRequest.number(a.get(0));
            q.and("(updated_at < ? OR (updated_at = ? AND message_key > ?))", at, at, a.get(1));
        });
        q.append(" ORDER BY updated_at DESC, message_key LIMIT ?", page.fetch());
        List<Map<String, Object>> rows = store.read(h -> q.list(h.getConnection(), DeadLettersResource::row));
        Respond.page(
                ctx,
                page.page(
                        rows,
                        r -> List.of(Long.toString(((Instant) r.get("since")).toEpochMilli()), (String) r.get("key"))));
    }

    private void retry(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String key = Requests.id(ctx, "key");
        Query q = new Query(SELECT, caller.tenant()).and("message_key = ?", key);
        q.and(Scope.contactFilter(caller, "contact_id"));
        if (store.read(h -> q.list(h.getConnection(), rs -> 1)).isEmpty() || !letters.retry(caller.tenant(), key)) {
            throw ApiError.notFound("dead letter", key);
        }
        Respond.ok(ctx, Map.of("key", key, "status", "pending"));
    }

    private void retryAll(Context ctx) {
        Caller caller = Gate.caller(ctx);
        if (caller.scoped()) {
            throw ApiError.of(403, "forbidden", "retrying every dead letter needs a key for all communities");
        }
        Respond.ok(ctx, Map.of("retried", letters.retryAll(caller.tenant())));
    }
}
