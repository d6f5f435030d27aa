package dev.threshold.server.api.explanations;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Journey;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.http.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads behind "why" answers, for the API and the dashboard alike: a contact's entry decisions (entered, not
 * entered and the reason, entry planned) and each message's fate (sent, deferred until when, skipped by which
 * guardrail, dead, or still waiting in the outbox), newest first, optionally for one journey. The caller checks
 * that the contact is one it may see.
 */
public final class Explanations {
    private static final int SHOWN = 100;

    private final Store store;

    public Explanations(Store store) {
        this.store = store;
    }

    public List<Map<String, Object>> entries(String tenant, String contact, Optional<Journey> journey) {
        Query q = new Query(
                "SELECT at, journey_id, kind, event_id, detail, instance_id FROM facts WHERE tenant_id = ?"
                        + " AND contact_id = ? AND kind IN ('entered', 'not_entered', 'entry_planned')",
                tenant,
                contact);
        journey.ifPresent(j -> q.and("journey_id = ?", j.id()));
        q.append(" ORDER BY at DESC, seq DESC LIMIT ?", SHOWN);
        return store.read(h -> q.list(h.getConnection(), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", Instant.ofEpochMilli(rs.getLong(1)));
            m.put("journey", rs.getString(2));
            m.put("kind", rs.getString(3));
            m.put("event_id", rs.getString(4));
            m.put("detail", StateJson.read(rs.getString(5), Map.class));
            if (rs.getString(6) != null && !rs.getString(6).isEmpty()) {
                m.put("instance", rs.getString(6));
            }
            return m;
        }));
    }

    public List<Map<String, Object>> messages(String tenant, String contact, Optional<Journey> journey) {
        Query q = new Query(
                "SELECT d.at, d.message_key, o.journey_id, o.step, d.channel, d.purpose, d.outcome, d.reason,"
                        + " d.until_at FROM deliveries d LEFT JOIN outbox o ON o.tenant_id = d.tenant_id"
                        + " AND o.message_key = d.message_key WHERE d.tenant_id = ? AND d.contact_id = ?",
                tenant,
                contact);
        journey.ifPresent(j -> q.and("o.journey_id = ?", j.id()));
        q.append(" ORDER BY d.at DESC, d.seq DESC LIMIT ?", SHOWN);
        List<Map<String, Object>> out = new ArrayList<>(store.read(h -> q.list(h.getConnection(), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", Instant.ofEpochMilli(rs.getLong(1)));
            m.put("message_key", rs.getString(2));
            m.put("journey", rs.getString(3));
            m.put("step", rs.getString(4));
            m.put("channel", rs.getString(5));
            m.put("purpose", rs.getString(6));
            m.put("outcome", rs.getString(7));
            m.put("reason", rs.getString(8));
            long until = rs.getLong(9);
            if (!rs.wasNull()) {
                m.put("until", Instant.ofEpochMilli(until));
            }
            return m;
        })));
        Query waiting = new Query(
                "SELECT message_key, journey_id, step, purpose, next_attempt_at, attempts FROM outbox"
                        + " WHERE tenant_id = ? AND contact_id = ? AND status = 'pending'",
                tenant,
                contact);
        journey.ifPresent(j -> waiting.and("journey_id = ?", j.id()));
        waiting.append(" ORDER BY next_attempt_at LIMIT ?", SHOWN);
        out.addAll(store.read(h -> waiting.list(h.getConnection(), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message_key", rs.getString(1));
            m.put("journey", rs.getString(2));
            m.put("step", rs.getString(3));
            m.put("purpose", rs.getString(4));
            m.put("outcome", "waiting");
            m.put(
                    "reason",
                    "in the outbox, next attempt at " + Instant.ofEpochMilli(rs.getLong(5)) + " (attempts so far: "
                            + rs.getInt(6) + ")");
            return m;
        })));
        return out;
    }
}
