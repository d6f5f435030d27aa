package dev.threshold.server.dashboard.contact;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Journey;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.contacts.ContactQueries;
import dev.threshold.server.api.explanations.Explanations;
import dev.threshold.server.api.explanations.ExplanationsResource;
import dev.threshold.server.api.tasks.TaskQueries;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /contacts/{id}}: a person's timeline — events received, journeys entered (or not, and why), stages,
 * messages sent, deferred or skipped with the reason, tasks, goals — and the "why" for any journey, with the same
 * queries as the API's timeline and explanations.
 */
public final class ContactPage implements Resource {
    private static final int SHOWN = 150;

    private final Store store;
    private final JourneyCatalog catalog;
    private final Explanations explanations;
    private final PageGate gate;

    public ContactPage(Store store, JourneyCatalog catalog, PageGate gate) {
        this.store = store;
        this.catalog = catalog;
        this.explanations = new Explanations(store);
        this.gate = gate;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/contacts", gate.page(Permission.READ, this::find));
        routes.page(HandlerType.GET, "/contacts/{id}", gate.page(Permission.READ, this::contact));
    }

    private void find(Context ctx, Sessions.Session s) {
        String q = Optional.ofNullable(ctx.queryParam("id")).map(String::strip).orElse("");
        if (!q.isEmpty()) {
            ctx.redirect(
                    "/contacts/" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"),
                    HttpStatus.SEE_OTHER);
            return;
        }
        View.render(ctx, "contact/find.jte", Map.of("chrome", Chrome.of("Contacts", "contacts", s)));
    }

    /** The "why" for one journey: the sentence, the entry decisions and each message's fate. */
    public record Why(
            String journey, String summary, List<Map<String, Object>> entries, List<Map<String, Object>> messages) {}

    private void contact(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        String id = ctx.pathParam("id");
        ContactView contact = store.read(h -> ContactQueries.find(h.getConnection(), caller, id))
                .orElseThrow(() -> ApiError.notFound("contact", id));
        List<ContactQueries.Line> timeline = store.read(h -> ContactQueries.timeline(
                h.getConnection(), caller.tenant(), id, new PageRequest(SHOWN, Optional.empty())));
        List<TaskQueries.Task> tasks = store.read(h -> TaskQueries.list(
                h.getConnection(),
                caller,
                new TaskQueries.Filter(
                        Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty(), Optional.empty()),
                new PageRequest(50, Optional.empty())));
        List<Journey> journeys = catalog.engine(caller.tenant()).library().latest();
        Optional<Why> why = Optional.ofNullable(ctx.queryParam("journey"))
                .filter(j -> !j.isBlank())
                .map(j -> why(caller, id, journeys, j));
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", Chrome.of(name(contact), "contacts", s));
        params.put("contact", contact);
        params.put("name", name(contact));
        params.put(
                "timeline", timeline.stream().limit(SHOWN).map(TimelineLine::of).toList());
        params.put("tasks", tasks);
        params.put("journeys", journeys);
        params.put("why", why.orElse(null));
        View.render(ctx, "contact/show.jte", params);
    }

    private Why why(Caller caller, String contact, List<Journey> journeys, String journeyId) {
        Journey j = journeys.stream()
                .filter(x -> x.id().equals(journeyId))
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("journey", journeyId));
        List<Map<String, Object>> entries = explanations.entries(caller.tenant(), contact, Optional.of(j));
        List<Map<String, Object>> messages = explanations.messages(caller.tenant(), contact, Optional.of(j));
        return new Why(j.id(), ExplanationsResource.summary(j, entries), entries, messages);
    }

    private static String name(ContactView c) {
        String n = (c.firstName() + " " + c.lastName()).strip();
        return n.isEmpty() ? c.id() : n;
    }
}
