package dev.threshold.server.api.analytics;

import dev.threshold.engine.core.StateJson;
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
import java.util.TreeMap;

/**
 * {@code /v1/analytics/journeys/{id}}: a journey's conversion from its facts — how many entered, did not enter (and
 * why), reached the goal (and its value), left; per stage how many reached and left it, how long they stayed and
 * the barriers they left over; per split each variant's entries and goals.
 */
public final class AnalyticsResource implements Resource {
    private final Store store;

    public AnalyticsResource(Store store) {
        this.store = store;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/analytics/journeys/{id}", Permission.READ, this::journey);
        routes.get("/v1/analytics/journeys/{id}/stages", Permission.READ, this::stages);
        routes.get("/v1/analytics/journeys/{id}/splits", Permission.READ, this::splits);
    }

    private FactFilter filter(Context ctx, Caller caller) {
        String id = Requests.id(ctx, "id");
        Known.journey(store, caller, id);
        FactFilter f = FactFilter.of(ctx, id);
        f.community().ifPresent(c -> {
            if (!caller.sees(c)) {
                throw ApiError.notFound("community", c);
            }
        });
        return f;
    }

    private record Group(String kind, String stage, String detail, long count) {
        @SuppressWarnings("unchecked")
        Map<String, Object> details() {
            return detail == null ? Map.of() : StateJson.read(detail, Map.class);
        }
    }

    private List<Group> groups(Caller caller, FactFilter f, String kinds) {
        var q = f.select("kind, stage, detail, COUNT(*)", caller)
                .append(" AND kind IN (" + kinds + ") GROUP BY kind, stage, detail");
        return store.read(h -> q.list(
                h.getConnection(), rs -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))));
    }

    private void journey(Context ctx) {
        Caller caller = Gate.caller(ctx);
        FactFilter f = filter(ctx, caller);
        var q = f.select("kind, COUNT(*)", caller).append(" GROUP BY kind ORDER BY kind");
        Map<String, Long> counts = new TreeMap<>();
        store.read(h -> q.list(h.getConnection(), rs -> counts.put(rs.getString(1), rs.getLong(2))));
        Map<String, Long> reasons = new TreeMap<>();
        double value = 0;
        for (Group g : groups(caller, f, "'not_entered', 'goal'")) {
            if (g.kind().equals("not_entered")) {
                reasons.merge(String.valueOf(g.details().getOrDefault("reason", "unknown")), g.count(), Long::sum);
            } else if (g.details().get("value") instanceof Number n) {
                value += n.doubleValue() * g.count();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("journey", f.journey());
        f.community().ifPresent(c -> body.put("community", c));
        body.put("entered", counts.getOrDefault("entered", 0L));
        body.put("not_entered", counts.getOrDefault("not_entered", 0L));
        body.put("not_entered_reasons", reasons);
        body.put("goals", counts.getOrDefault("goal", 0L));
        body.put("goal_value", value);
        long entered = counts.getOrDefault("entered", 0L);
        body.put("conversion", entered == 0 ? 0.0 : counts.getOrDefault("goal", 0L) / (double) entered);
        body.put("facts", counts);
        Respond.ok(ctx, body);
    }

    private void stages(Context ctx) {
        Caller caller = Gate.caller(ctx);
        FactFilter f = filter(ctx, caller);
        Map<String, StageCounts> stages = new TreeMap<>();
        for (Group g : groups(caller, f, "'stage_entered', 'stage_left'")) {
            StageCounts s = stages.computeIfAbsent(g.stage() == null ? "" : g.stage(), k -> new StageCounts());
            if (g.kind().equals("stage_entered")) {
                s.reached += g.count();
                continue;
            }
            Map<String, Object> d = g.details();
            s.left += g.count();
            if (d.get("seconds") instanceof Number n) {
                s.seconds += n.doubleValue() * g.count();
            }
            s.outcomes.merge(String.valueOf(d.getOrDefault("outcome", "unknown")), g.count(), Long::sum);
            if (d.get("barrier") != null) {
                s.barriers.merge(String.valueOf(d.get("barrier")), g.count(), Long::sum);
            }
        }
        List<Map<String, Object>> items = stages.entrySet().stream()
                .map(e -> e.getValue().view(e.getKey()))
                .toList();
        Respond.ok(ctx, Map.of("journey", f.journey(), "stages", items));
    }

    private static final class StageCounts {
        long reached;
        long left;
        double seconds;
        final Map<String, Long> outcomes = new TreeMap<>();
        final Map<String, Long> barriers = new TreeMap<>();

        Map<String, Object> view(String stage) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", stage);
            m.put("reached", reached);
            m.put("left", left);
            m.put("average_seconds", left == 0 ? 0 : seconds / left);
            m.put("outcomes", outcomes);
            m.put("barriers", barriers);
            return m;
        }
    }

    private void splits(Context ctx) {
        Caller caller = Gate.caller(ctx);
        FactFilter f = filter(ctx, caller);
        var q = f.select("step, detail, COUNT(*)", caller).append(" AND kind = 'split' GROUP BY step, detail");
        Map<String, Map<String, long[]>> bySplit = new TreeMap<>();
        store.read(h -> q.list(h.getConnection(), rs -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = StateJson.read(rs.getString(2), Map.class);
            bySplit.computeIfAbsent(String.valueOf(rs.getString(1)), k -> new TreeMap<>())
                            .computeIfAbsent(String.valueOf(d.get("variant")), k -> new long[2])[0] +=
                    rs.getLong(3);
            return null;
        }));
        for (Group g : groups(caller, f, "'goal'")) {
            Object variant = g.details().get("variant");
            if (variant != null) {
                bySplit.values().forEach(variants -> {
                    long[] v = variants.get(variant.toString());
                    if (v != null) {
                        v[1] += g.count();
                    }
                });
            }
        }
        List<Map<String, Object>> items = bySplit.entrySet().stream()
                .map(e -> Map.<String, Object>of(
                        "step",
                        e.getKey(),
                        "variants",
                        e.getValue().entrySet().stream()
                                .map(v -> Map.<String, Object>of(
                                        "variant",
                                        v.getKey(),
                                        "entered",
                                        v.getValue()[0],
                                        "goals",
                                        v.getValue()[1],
                                        "conversion",
                                        v.getValue()[0] == 0 ? 0.0 : v.getValue()[1] / (double) v.getValue()[0]))
                                .toList()))
                .toList();
        Respond.ok(ctx, Map.of("journey", f.journey(), "splits", items));
    }
}
