package dev.threshold.server.api.contacts;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads behind {@code /v1/contacts}: a page of contacts, one contact, a contact's timeline. */
public final class ContactQueries {
    private ContactQueries() {}

    static List<ContactView> list(
            Connection c, Caller caller, Optional<String> community, Optional<String> role, PageRequest page)
            throws SQLException {
        Query q = new Query("SELECT view FROM contacts WHERE tenant_id = ?", caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        community.ifPresent(x -> q.and("community_id = ?", x));
        role.ifPresent(r -> q.and(
                "contact_id IN (SELECT contact_id FROM contact_roles WHERE tenant_id = ? AND role = ?)",
                caller.tenant(),
                r));
        page.after().ifPresent(a -> q.and("contact_id > ?", a.get(0)));
        q.append(" ORDER BY contact_id LIMIT ?", page.fetch());
        return q.list(c, rs -> StateJson.read(rs.getString(1), ContactView.class));
    }

    /** The contact, when it exists for the tenant and the key sees its community. */
    public static Optional<ContactView> find(Connection c, Caller caller, String id) throws SQLException {
        Query q = new Query("SELECT view FROM contacts WHERE tenant_id = ? AND contact_id = ?", caller.tenant(), id);
        q.and(Scope.filter(caller, "community_id"));
        return q.list(c, rs -> StateJson.read(rs.getString(1), ContactView.class)).stream()
                .findFirst();
    }

    /** One line of a timeline: an event or command received, a fact recorded, a message's fate. */
    public record Line(
            String source, long seq, Instant at, String ref, String what, String detail, String stage, String step) {
        public List<String> key() {
            return List.of(Long.toString(at.toEpochMilli()), source, Long.toString(seq));
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", at);
            m.put("source", source);
            switch (source) {
                case "input" -> {
                    m.put("type", what);
                    m.put("event_id", ref);
                }
                case "fact" -> {
                    m.put("kind", what);
                    m.put("journey", ref);
                    if (!stage.isEmpty()) {
                        m.put("stage", stage);
                    }
                    if (!step.isEmpty()) {
                        m.put("step", step);
                    }
                    m.put("detail", StateJson.read(detail, Map.class));
                }
                default -> {
                    m.put("outcome", what);
                    m.put("message_key", ref);
                    m.put("reason", detail);
                    if (!stage.isEmpty()) {
                        m.put("channel", stage);
                    }
                }
            }
            return m;
        }
    }

    /** Newest first: what was received about the contact, what journeys recorded, what became of messages. */
    public static List<Line> timeline(Connection c, String tenant, String contact, PageRequest page)
            throws SQLException {
        Query q = new Query(
                "SELECT source, seq, at, ref, what, detail, stage, step FROM ("
                        + "SELECT 'input' AS source, seq, occurred_at AS at, event_key AS ref, type AS what,"
                        + " '' AS detail, '' AS stage, '' AS step FROM event_log"
                        + " WHERE tenant_id = ? AND contact_id = ? AND kind IN ('event', 'command')"
                        + " UNION ALL SELECT 'fact', seq, at, journey_id, kind, detail, COALESCE(stage, ''),"
                        + " COALESCE(step, '') FROM facts WHERE tenant_id = ? AND contact_id = ?"
                        + " UNION ALL SELECT 'message', seq, at, message_key, outcome, reason, COALESCE(channel, ''), ''"
                        + " FROM deliveries WHERE tenant_id = ? AND contact_id = ?) AS timeline WHERE 1 = 1",
                tenant,
                contact,
                tenant,
                contact,
                tenant,
                contact);
        page.after().ifPresent(a -> {
            long at = PageRequest.number(a.get(0));
            long seq = PageRequest.number(a.get(2));
            q.and("(at < ? OR (at = ? AND (source > ? OR (source = ? AND seq < ?))))", at, at, a.get(1), a.get(1), seq);
        });
        q.append(" ORDER BY at DESC, source, seq DESC LIMIT ?", page.fetch());
        return q.list(
                c,
                rs -> new Line(
                        rs.getString(1),
                        rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
    }
}
