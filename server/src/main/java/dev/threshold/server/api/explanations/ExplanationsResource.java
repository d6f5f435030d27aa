package dev.threshold.server.api.explanations;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.instances.Known;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code GET /v1/contacts/{id}/explanations}: why a contact did or did not enter a journey (the entry facts with
 * their reasons) and why they did or did not get a message (each message's fate: sent, deferred until when,
 * skipped for which guardrail, dead after how many attempts), with a sentence for each journey asked about.
 */
public final class ExplanationsResource implements Resource {
    private static final int SHOWN = 100;

    private final Store store;
    private final JourneyCatalog catalog;

    public ExplanationsResource(Store store, JourneyCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/contacts/{id}/explanations", Permission.READ, this::explain);
    }

    private void explain(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String contact = Requests.id(ctx, "id");
        Known.contact(store, caller, contact);
        Optional<Journey> journey = Optional.ofNullable(ctx.queryParam("journey"))
                .map(j -> catalog.engine(caller.tenant())
                        .library()
                        .latest(j)
                        .orElseThrow(() -> ApiError.notFound("journey", j)));
        List<Map<String, Object>> entries = entries(caller.tenant(), contact, journey);
        List<Map<String, Object>> messages = messages(caller.tenant(), contact, journey);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contact", contact);
        journey.ifPresent(j -> {
            body.put("journey", j.id());
            body.put("summary", summary(j, entries));
        });
        body.put("entries", entries);
        body.put("messages", messages);
        Respond.ok(ctx, body);
    }

    private List<Map<String, Object>> entries(String tenant, String contact, Optional<Journey> journey) {
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

    private List<Map<String, Object>> messages(String tenant, String contact, Optional<Journey> journey) {
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

    /** One sentence: the latest entry decision, or why there is none. */
    static String summary(Journey j, List<Map<String, Object>> entries) {
        if (entries.isEmpty()) {
            TreeSet<String> events = new TreeSet<>();
            j.triggers().stream().map(Trigger::events).forEach(events::addAll);
            return "No entry decision for " + j.id() + " about this contact: none of the events that start it ("
                    + String.join(", ", events) + ") has been processed for them.";
        }
        Map<String, Object> last = entries.get(0);
        Object detail = last.get("detail");
        String reason = detail instanceof Map<?, ?> d && d.get("reason") != null ? " because " + d.get("reason") : "";
        return switch (String.valueOf(last.get("kind"))) {
            case "entered" -> "Entered " + j.id() + " at " + last.get("at") + " on event " + last.get("event_id") + ".";
            case "entry_planned" -> "Entry into " + j.id() + " is planned (" + detail + ").";
            default -> "Did not enter " + j.id() + " at " + last.get("at") + reason + ".";
        };
    }
}
