package dev.threshold.server.api.explanations;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.instances.Known;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
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
    private final Store store;
    private final JourneyCatalog catalog;
    private final Explanations explanations;

    public ExplanationsResource(Store store, JourneyCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
        this.explanations = new Explanations(store);
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
        List<Map<String, Object>> entries = explanations.entries(caller.tenant(), contact, journey);
        List<Map<String, Object>> messages = explanations.messages(caller.tenant(), contact, journey);
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

    /** One sentence: the latest entry decision, or why there is none. */
    public static String summary(Journey j, List<Map<String, Object>> entries) {
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
