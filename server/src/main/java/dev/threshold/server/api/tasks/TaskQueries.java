package dev.threshold.server.api.tasks;

import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Query;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads behind {@code /v1/tasks}: the runtime's tasks with who claimed them. */
public final class TaskQueries {
    private TaskQueries() {}

    public record Filter(
            Optional<String> status,
            Optional<String> role,
            Optional<String> contact,
            Optional<String> community,
            Optional<String> claimedBy) {}

    public record Task(
            String key,
            String contact,
            String instance,
            String journey,
            String step,
            Optional<String> community,
            String role,
            String title,
            String description,
            String status,
            Instant dueAt,
            Optional<Instant> escalateAt,
            Optional<String> escalateTo,
            Instant createdAt,
            Optional<Instant> closedAt,
            Optional<String> closeReason,
            Optional<String> claimedBy,
            Optional<Instant> claimedAt) {

        public List<String> cursor() {
            return List.of(Long.toString(dueAt.toEpochMilli()), key);
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("contact", contact);
            m.put("instance", instance);
            m.put("journey", journey);
            m.put("step", step);
            community.ifPresent(c -> m.put("community", c));
            m.put("role", role);
            m.put("title", title);
            m.put("description", description);
            m.put("status", status);
            m.put("due_at", dueAt);
            escalateAt.ifPresent(e -> m.put("escalate_at", e));
            escalateTo.ifPresent(e -> m.put("escalate_to", e));
            m.put("created_at", createdAt);
            closedAt.ifPresent(e -> m.put("closed_at", e));
            closeReason.ifPresent(e -> m.put("close_reason", e));
            claimedBy.ifPresent(e -> m.put("claimed_by", e));
            claimedAt.ifPresent(e -> m.put("claimed_at", e));
            return m;
        }
    }

    private static final String SELECT = "SELECT t.task_key, t.contact_id, t.instance_id, t.journey_id, t.step,"
            + " t.community_id, t.role, t.title, t.description, t.status, t.due_at, t.escalate_at, t.escalate_to,"
            + " t.created_at, t.closed_at, t.close_reason, k.claimed_by, k.claimed_at FROM tasks t"
            + " LEFT JOIN task_claims k ON k.tenant_id = t.tenant_id AND k.task_key = t.task_key"
            + " WHERE t.tenant_id = ?";

    public static List<Task> list(Connection c, Caller caller, Filter f, PageRequest page) throws SQLException {
        Query q = new Query(SELECT, caller.tenant());
        q.and(Scope.filter(caller, "t.community_id"));
        f.status().ifPresent(s -> q.and("t.status = ?", s));
        f.role().ifPresent(r -> q.and("t.role = ?", r));
        f.contact().ifPresent(x -> q.and("t.contact_id = ?", x));
        f.community().ifPresent(x -> q.and("t.community_id = ?", x));
        f.claimedBy().ifPresent(x -> q.and("k.claimed_by = ?", x));
        page.after().ifPresent(a -> {
            long due = PageRequest.number(a.get(0));
            q.and("(t.due_at > ? OR (t.due_at = ? AND t.task_key > ?))", due, due, a.get(1));
        });
        q.append(" ORDER BY t.due_at, t.task_key LIMIT ?", page.fetch());
        return q.list(c, TaskQueries::row);
    }

    public static Optional<Task> find(Connection c, Caller caller, String key) throws SQLException {
        Query q = new Query(SELECT, caller.tenant()).and("t.task_key = ?", key);
        q.and(Scope.filter(caller, "t.community_id"));
        return q.list(c, TaskQueries::row).stream().findFirst();
    }

    static Optional<String> claimant(Connection c, String tenant, String key) throws SQLException {
        return new Query("SELECT claimed_by FROM task_claims WHERE tenant_id = ? AND task_key = ?", tenant, key)
                .list(c, rs -> rs.getString(1)).stream().findFirst();
    }

    private static Task row(ResultSet rs) throws SQLException {
        return new Task(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Optional.ofNullable(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(11)),
                millis(rs, 12),
                Optional.ofNullable(rs.getString(13)),
                Instant.ofEpochMilli(rs.getLong(14)),
                millis(rs, 15),
                Optional.ofNullable(rs.getString(16)),
                Optional.ofNullable(rs.getString(17)),
                millis(rs, 18));
    }

    private static Optional<Instant> millis(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
