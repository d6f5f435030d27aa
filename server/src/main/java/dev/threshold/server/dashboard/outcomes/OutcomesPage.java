package dev.threshold.server.dashboard.outcomes;

import dev.threshold.runtime.analytics.Rollups;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.Communities;
import dev.threshold.server.dashboard.Format;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /outcomes}: per community, the figures the industry runs on, over the last 7, 30, 90 or 365 days — speed
 * to lead (median first response, share answered within five minutes, also after hours), lead → tour, tour →
 * application, application → lease, renewal rate, detractors recovered, NPS, referrals and goal value. How each is
 * computed is in docs/dashboard.md; all but speed to lead are sums of running totals.
 */
public final class OutcomesPage implements Resource {
    private static final List<Integer> PERIODS = List.of(7, 30, 90, 365);

    private final Store store;
    private final PageGate gate;
    private final InstantSource clock;

    public OutcomesPage(Store store, PageGate gate, InstantSource clock) {
        this.store = store;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/outcomes", gate.page(Permission.READ, this::outcomes));
    }

    /** One community's figures, as text. */
    public record Row(
            String community,
            String name,
            SpeedToLead.Figures speed,
            String leadToTour,
            String tourToApplication,
            String applicationToLease,
            String renewalRate,
            String detractorsRecovered,
            String nps,
            long referrals,
            String goalValue) {}

    private static final String NPS = "nps-feedback-follow-up";

    private void outcomes(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        int days = Optional.ofNullable(ctx.queryParam("days"))
                .map(OutcomesPage::days)
                .orElse(30);
        Instant until = clock.instant();
        Instant from = until.minus(Duration.ofDays(days));
        List<Communities.Shown> communities = Communities.visible(store, caller);
        // speed to lead of every community on one connection: a few index ranges, no connection per community
        Map<String, SpeedToLead.Figures> speed = store.read(h -> {
            Map<String, SpeedToLead.Figures> out = new HashMap<>();
            for (Communities.Shown c : communities) {
                out.put(c.id(), SpeedToLead.of(h.getConnection(), caller.tenant(), c.view(), from, until));
            }
            return out;
        });
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Double>> metrics = metrics(caller, Rollups.epochDay(from), Rollups.epochDay(until));
        Map<String, long[]> recovered = recovered(caller);
        for (Communities.Shown c : communities) {
            Map<String, Double> m = metrics.getOrDefault(c.id(), Map.of());
            long[] saved = recovered.getOrDefault(c.id(), new long[2]);
            double leads = m.getOrDefault("event:lead.created", 0.0) + m.getOrDefault("event:form.submitted", 0.0);
            double promoters = m.getOrDefault("nps:promoter", 0.0);
            double detractors = m.getOrDefault("nps:detractor", 0.0);
            double rated = promoters + detractors + m.getOrDefault("nps:passive", 0.0);
            double renewed = m.getOrDefault("event:renewal.signed", 0.0);
            rows.add(new Row(
                    c.id(),
                    c.name(),
                    speed.get(c.id()),
                    Format.share(m.getOrDefault("event:tour.booked", 0.0), leads),
                    Format.share(
                            m.getOrDefault("event:application.submitted", 0.0),
                            m.getOrDefault("event:tour.completed", 0.0)),
                    Format.share(
                            m.getOrDefault("event:lease.signed", 0.0),
                            m.getOrDefault("event:application.submitted", 0.0)),
                    Format.share(renewed, renewed + m.getOrDefault("event:notice.given", 0.0)),
                    saved[1] == 0 ? "–" : saved[0] + " of " + saved[1],
                    rated == 0 ? "–" : String.valueOf(Math.round(100 * (promoters - detractors) / rated)),
                    Math.round(m.getOrDefault("event:referral.submitted", 0.0)),
                    Format.money(m.getOrDefault("goal_value", 0.0))));
        }
        View.render(
                ctx,
                "outcomes/index.jte",
                Map.of("chrome", Chrome.of("Outcomes", "outcomes", s), "rows", rows, "days", days, "periods", PERIODS));
    }

    private static int days(String text) {
        try {
            int d = Integer.parseInt(text);
            if (PERIODS.contains(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badParameter("days", "choose a period of 7, 30, 90 or 365 days");
    }

    /**
     * Per community the key sees, each metric summed over the days from {@code fromDay} on: whole 30-day blocks from
     * {@code community_blocks}, the days at the period's two edges from {@code community_days}; three index ranges
     * for every community at once.
     */
    private Map<String, Map<String, Double>> metrics(Caller caller, int fromDay, int today) {
        int firstBlock = Math.floorDiv(fromDay + Rollups.BLOCK_DAYS - 1, Rollups.BLOCK_DAYS);
        int endBlock = Math.floorDiv(today + 1, Rollups.BLOCK_DAYS); // the first block not yet complete
        Map<String, Map<String, Double>> out = new HashMap<>();
        if (firstBlock >= endBlock) {
            sum(out, caller, "community_days", "day", fromDay, today + 1);
        } else {
            sum(out, caller, "community_days", "day", fromDay, firstBlock * Rollups.BLOCK_DAYS);
            sum(out, caller, "community_blocks", "block", firstBlock, endBlock);
            sum(out, caller, "community_days", "day", endBlock * Rollups.BLOCK_DAYS, today + 1);
        }
        return out;
    }

    /** Adds the metrics of one table's rows with {@code column} in [from, until). */
    private void sum(
            Map<String, Map<String, Double>> out, Caller caller, String table, String column, int from, int until) {
        if (from >= until) {
            return;
        }
        Query q = new Query(
                "SELECT community_id, metric, SUM(amount) FROM " + table + " WHERE tenant_id = ? AND " + column
                        + " >= ? AND " + column + " < ?",
                caller.tenant(),
                from,
                until);
        q.and(Scope.filter(caller, "community_id"));
        q.append(" GROUP BY community_id, metric");
        store.read(h -> q.list(
                h.getConnection(),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .merge(rs.getString(2), rs.getDouble(3), Double::sum)));
    }

    /**
     * Per community: detractors the NPS journey took up (reached its recovered stage) and of them, those it brought
     * to its goal, as {goals, reached}.
     */
    private Map<String, long[]> recovered(Caller caller) {
        Query reached = new Query(
                "SELECT community_id, SUM(reached) FROM stage_totals WHERE tenant_id = ? AND journey_id = ?"
                        + " AND stage = 'recovered'",
                caller.tenant(),
                NPS);
        reached.and(Scope.filter(caller, "community_id"));
        reached.append(" GROUP BY community_id");
        Query goals = new Query(
                "SELECT community_id, SUM(people) FROM stage_exits WHERE tenant_id = ? AND journey_id = ?"
                        + " AND stage = 'recovered' AND outcome = 'goal'",
                caller.tenant(),
                NPS);
        goals.and(Scope.filter(caller, "community_id"));
        goals.append(" GROUP BY community_id");
        Map<String, long[]> out = new HashMap<>();
        store.read(h -> {
            reached.list(
                    h.getConnection(), rs -> out.computeIfAbsent(rs.getString(1), k -> new long[2])[1] = rs.getLong(2));
            goals.list(
                    h.getConnection(), rs -> out.computeIfAbsent(rs.getString(1), k -> new long[2])[0] = rs.getLong(2));
            return null;
        });
        return out;
    }
}
