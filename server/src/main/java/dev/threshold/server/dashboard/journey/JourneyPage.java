package dev.threshold.server.dashboard.journey;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Stage;
import dev.threshold.runtime.analytics.DurationBuckets;
import dev.threshold.runtime.analytics.Rollups;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.Communities;
import dev.threshold.server.dashboard.Format;
import dev.threshold.server.dashboard.ScriptJson;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /journeys/{id}}: a journey's flow as a graph and its live map — per stage how many reached it, are in it
 * now, how long they stayed (median, 90th percentile), how many moved on, reached the goal or left and for which
 * barrier — beside the stage's action, emotions and questions; then goal conversion over time, per community and
 * per A/B variant with a 95% Wilson interval. Everything is read from running totals.
 */
public final class JourneyPage implements Resource {
    private static final int DAYS = 90;

    private final Store store;
    private final JourneyCatalog catalog;
    private final PageGate gate;
    private final InstantSource clock;

    public JourneyPage(Store store, JourneyCatalog catalog, PageGate gate, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/journeys/{id}", gate.page(Permission.READ, this::journey));
    }

    private void journey(Context ctx, Sessions.Session s) {
        String id = ctx.pathParam("id");
        Journey j = catalog.engine(s.caller().tenant())
                .library()
                .latest(id)
                .orElseThrow(() -> ApiError.notFound("journey", id));
        List<Communities.Shown> communities = Communities.visible(store, s.caller());
        Optional<String> community = Communities.chosen(store, s.caller(), ctx.queryParam("community"));
        JourneyQueries q = new JourneyQueries(store, s.caller(), j.id(), community);
        Map<String, String> names = new LinkedHashMap<>();
        communities.forEach(c -> names.put(c.id(), c.name()));
        JourneyView view = new JourneyView(
                j,
                community.orElse(""),
                communities,
                stages(j, q),
                FlowGraph.edges(j).stream()
                        .map(e -> new JourneyView.Edge(e.from(), e.to().replace("journey:", "journey "), e.label()))
                        .toList(),
                ScriptJson.of(FlowGraph.of(j, q.runs())),
                "",
                List.of(),
                groups(q.perCommunity(), names),
                variants(q.variants()));
        view = overTime(view, q);
        View.render(ctx, "journey/show.jte", Map.of("chrome", Chrome.of(j.name(), "library", s), "view", view));
    }

    private static List<JourneyView.StageLine> stages(Journey j, JourneyQueries q) {
        Map<String, long[]> counts = q.stages();
        Map<String, Map<String, Map<String, Long>>> exits = q.exits();
        Map<String, Map<Integer, Long>> durations = q.durations();
        List<JourneyView.StageLine> out = new ArrayList<>();
        for (Stage stage : j.stages()) {
            long[] c = counts.getOrDefault(stage.id(), new long[2]);
            Map<String, Map<String, Long>> how = exits.getOrDefault(stage.id(), Map.of());
            long movedOn = sum(how.get("advanced"));
            long goals = sum(how.get("goal"));
            Map<String, Long> barriers = new LinkedHashMap<>();
            long left = 0;
            for (Map.Entry<String, Map<String, Long>> e : how.entrySet()) {
                if (e.getKey().equals("advanced") || e.getKey().equals("goal")) {
                    continue;
                }
                for (Map.Entry<String, Long> b : e.getValue().entrySet()) {
                    left += b.getValue();
                    String name = b.getKey().isEmpty() ? "none recorded (" + e.getKey() + ")" : b.getKey();
                    barriers.merge(name, b.getValue(), Long::sum);
                }
            }
            Map<Integer, Long> d = durations.getOrDefault(stage.id(), Map.of());
            out.add(new JourneyView.StageLine(
                    stage,
                    c[0],
                    Math.max(0, c[0] - c[1]),
                    Format.duration(DurationBuckets.quantile(d, 0.5)),
                    Format.duration(DurationBuckets.quantile(d, 0.9)),
                    movedOn,
                    goals,
                    left,
                    barriers.entrySet().stream()
                            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                            .map(e -> new JourneyView.Barrier(e.getKey(), e.getValue()))
                            .toList()));
        }
        return out;
    }

    private static long sum(Map<String, Long> m) {
        return m == null ? 0 : m.values().stream().mapToLong(Long::longValue).sum();
    }

    private JourneyView overTime(JourneyView v, JourneyQueries q) {
        int today = Rollups.epochDay(clock.instant());
        int from = today - DAYS + 1;
        Map<Integer, long[]> days = q.days(from);
        List<Long> x = new ArrayList<>();
        List<Long> entered = new ArrayList<>();
        List<Long> goals = new ArrayList<>();
        List<JourneyView.Week> weeks = new ArrayList<>();
        long[] week = new long[2];
        for (int d = from; d <= today; d++) {
            long[] c = days.getOrDefault(d, new long[2]);
            x.add(d * 86_400L);
            entered.add(c[0]);
            goals.add(c[1]);
            week[0] += c[0];
            week[1] += c[1];
            if ((d - from) % 7 == 6 || d == today) {
                int start = d - ((d - from) % 7);
                weeks.add(new JourneyView.Week(
                        LocalDate.ofEpochDay(start).toString(), week[0], week[1], Format.share(week[1], week[0])));
                week = new long[2];
            }
        }
        Map<String, Object> chart = Map.of(
                "x",
                x,
                "yLabel",
                "people per day",
                "series",
                List.of(
                        Map.of("label", "entered", "values", entered),
                        Map.of("label", "reached the goal", "values", goals)));
        return new JourneyView(
                v.journey(),
                v.community(),
                v.communities(),
                v.stages(),
                v.edges(),
                v.graphJson(),
                ScriptJson.of(chart),
                weeks.reversed(),
                v.byCommunity(),
                v.variants());
    }

    private static List<JourneyView.Group> groups(Map<String, long[]> rows, Map<String, String> names) {
        List<JourneyView.Group> out = new ArrayList<>();
        rows.forEach((community, c) -> out.add(group(
                community.isEmpty() ? "No community" : names.getOrDefault(community, community), "", c[0], c[1])));
        return out;
    }

    private static List<JourneyView.Group> variants(List<Object[]> rows) {
        return rows.stream()
                .map(r -> group((String) r[1], "split " + r[0], (Long) r[2], (Long) r[3]))
                .toList();
    }

    private static JourneyView.Group group(String name, String detail, long entered, long goals) {
        return new JourneyView.Group(
                name,
                detail,
                entered,
                goals,
                Format.share(goals, entered),
                entered == 0
                        ? "–"
                        : Wilson.of(Math.min(goals, entered), entered).text());
    }
}
