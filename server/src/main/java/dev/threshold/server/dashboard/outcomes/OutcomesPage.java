package dev.threshold.server.dashboard.outcomes;

import dev.threshold.runtime.analytics.Rollups;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
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

    private void outcomes(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        int days = Optional.ofNullable(ctx.queryParam("days"))
                .map(OutcomesPage::days)
                .orElse(30);
        Instant until = clock.instant();
        Instant from = until.minus(Duration.ofDays(days));
        List<Row> rows = new ArrayList<>();
        for (Communities.Shown c : Communities.visible(store, caller)) {
            Map<String, Double> m = metrics(caller.tenant(), c.id(), Rollups.epochDay(from));
            long[] recovered = recovered(caller.tenant(), c.id());
            double leads = m.getOrDefault("event:lead.created", 0.0) + m.getOrDefault("event:form.submitted", 0.0);
            double promoters = m.getOrDefault("nps:promoter", 0.0);
            double detractors = m.getOrDefault("nps:detractor", 0.0);
            double rated = promoters + detractors + m.getOrDefault("nps:passive", 0.0);
            double renewed = m.getOrDefault("event:renewal.signed", 0.0);
            rows.add(new Row(
                    c.id(),
                    c.name(),
                    SpeedToLead.of(store, caller.tenant(), c.view(), from, until),
                    Format.share(m.getOrDefault("event:tour.booked", 0.0), leads),
                    Format.share(
                            m.getOrDefault("event:application.submitted", 0.0),
                            m.getOrDefault("event:tour.completed", 0.0)),
                    Format.share(
                            m.getOrDefault("event:lease.signed", 0.0),
                            m.getOrDefault("event:application.submitted", 0.0)),
                    Format.share(renewed, renewed + m.getOrDefault("event:notice.given", 0.0)),
                    recovered[1] == 0 ? "–" : recovered[0] + " of " + recovered[1],
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

    private Map<String, Double> metrics(String tenant, String community, int fromDay) {
        Query q = new Query(
                "SELECT metric, SUM(amount) FROM community_days WHERE tenant_id = ? AND community_id = ? AND day >= ?"
                        + " GROUP BY metric",
                tenant,
                community,
                fromDay);
        Map<String, Double> out = new HashMap<>();
        store.read(h -> q.list(h.getConnection(), rs -> out.put(rs.getString(1), rs.getDouble(2))));
        return out;
    }

    /** Detractors the NPS journey took up (reached its recovered stage) and of them, those it brought to its goal. */
    private long[] recovered(String tenant, String community) {
        Query reached = new Query(
                "SELECT COALESCE(SUM(reached), 0) FROM stage_totals WHERE tenant_id = ? AND journey_id = ?"
                        + " AND community_id = ? AND stage = 'recovered'",
                tenant,
                "nps-feedback-follow-up",
                community);
        Query goals = new Query(
                "SELECT COALESCE(SUM(people), 0) FROM stage_exits WHERE tenant_id = ? AND journey_id = ?"
                        + " AND community_id = ? AND stage = 'recovered' AND outcome = 'goal'",
                tenant,
                "nps-feedback-follow-up",
                community);
        return store.read(h -> new long[] {
            goals.list(h.getConnection(), rs -> rs.getLong(1)).get(0),
            reached.list(h.getConnection(), rs -> rs.getLong(1)).get(0)
        });
    }
}
