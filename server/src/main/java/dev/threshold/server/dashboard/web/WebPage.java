package dev.threshold.server.dashboard.web;

import dev.threshold.engine.journey.Journey;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.ScriptJson;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /web}: every journey and the hand-offs between them as one graph, each edge labelled with how many people
 * were handed along it (from the running totals), so a manager sees, say, detractors recovered, promoters asked
 * for a review and referrers invited as one web rather than separate lines.
 */
public final class WebPage implements Resource {
    private final Store store;
    private final JourneyCatalog catalog;
    private final PageGate gate;

    public WebPage(Store store, JourneyCatalog catalog, PageGate gate) {
        this.store = store;
        this.catalog = catalog;
        this.gate = gate;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/web", gate.page(Permission.READ, this::web));
    }

    /** A hand-off edge: from, to, people handed. */
    public record Edge(String from, String fromName, String to, String toName, long people) {}

    private void web(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        List<Journey> journeys = catalog.engine(caller.tenant()).library().latest();
        Map<String, String> names = new LinkedHashMap<>();
        journeys.forEach(j -> names.put(j.id(), j.name()));
        Map<String, Long> counted = counts(caller);
        Map<String, Edge> edges = new LinkedHashMap<>();
        for (Journey j : journeys) {
            for (String to : j.handoffTargets()) {
                edges.put(
                        j.id() + "\u0000" + to,
                        edge(names, j.id(), to, counted.getOrDefault(j.id() + "\u0000" + to, 0L)));
            }
        }
        counted.forEach((k, n) -> {
            String[] p = k.split("\u0000", 2);
            edges.putIfAbsent(k, edge(names, p[0], p[1], n));
        });
        List<Object> elements = new ArrayList<>();
        for (Journey j : journeys) {
            elements.add(Map.of(
                    "data",
                    Map.of(
                            "id",
                            j.id(),
                            "label",
                            j.name(),
                            "kind",
                            "journey",
                            "category",
                            j.category().id())));
        }
        int i = 0;
        long most = edges.values().stream().mapToLong(Edge::people).max().orElse(1);
        for (Edge e : edges.values()) {
            if (!names.containsKey(e.from()) || !names.containsKey(e.to())) {
                continue;
            }
            elements.add(Map.of(
                    "data",
                    Map.of(
                            "id", "h" + i++,
                            "source", e.from(),
                            "target", e.to(),
                            "label", Long.toString(e.people()),
                            "weight", 1.5 + 6.0 * e.people() / Math.max(1, most))));
        }
        Map<String, Object> graph = Map.of(
                "elements",
                elements,
                "layout",
                Map.of("name", "breadthfirst", "directed", true, "padding", 20, "spacingFactor", 1.2));
        View.render(
                ctx,
                "web/index.jte",
                Map.of(
                        "chrome", Chrome.of("The web of journeys", "web", s),
                        "edges", List.copyOf(edges.values()),
                        "graphJson", ScriptJson.of(graph)));
    }

    private static Edge edge(Map<String, String> names, String from, String to, long people) {
        return new Edge(from, names.getOrDefault(from, from), to, names.getOrDefault(to, to), people);
    }

    private Map<String, Long> counts(Caller caller) {
        Query q = new Query(
                "SELECT from_journey, to_journey, SUM(handed) FROM handoff_totals WHERE tenant_id = ?",
                caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        q.append(" GROUP BY from_journey, to_journey");
        Map<String, Long> out = new HashMap<>();
        store.read(h ->
                q.list(h.getConnection(), rs -> out.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getLong(3))));
        return out;
    }
}
