package dev.threshold.server.dashboard.simulate;

import dev.threshold.engine.journey.Journey;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.Communities;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code /simulate}: runs a journey (or every journey) in memory over the coming days on the tenant's own people
 * (or, when it has none yet, a small synthetic portfolio), with its current journey versions and overrides, and
 * shows the messages, deferrals and skips, tasks and stage flow to expect. It reads the store and never writes it.
 * A run is bounded so a page request cannot hog the server: at most {@link #MAX_DAYS} days, {@link #MAX_PEOPLE}
 * people, {@link #TIME_LIMIT} of work and one simulation at a time.
 */
public final class SimulatePage implements Resource {
    public static final List<Integer> PERIODS = List.of(7, 14, 30, 60, 90);
    public static final int MAX_DAYS = 90;
    public static final List<Integer> SIZES = List.of(100, 250, 500);
    public static final int MAX_PEOPLE = 1_000;
    public static final Duration TIME_LIMIT = Duration.ofSeconds(20);
    public static final int MAX_LINES = 500_000;

    private final Store store;
    private final ThresholdRuntime runtime;
    private final PageGate gate;
    private final InstantSource clock;
    private final FutureActivity activity;
    private final Semaphore oneAtATime = new Semaphore(1);

    public SimulatePage(
            Store store, ThresholdRuntime runtime, PageGate gate, InstantSource clock, FutureActivity activity) {
        this.store = store;
        this.runtime = runtime;
        this.gate = gate;
        this.clock = clock;
        this.activity = activity;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/simulate", gate.page(Permission.READ, this::simulate));
    }

    /** The form as filled in. */
    public record Form(
            String journey,
            String community,
            int days,
            int size,
            boolean own,
            List<Option> journeys,
            List<Option> communities) {}

    /** A choice in a list: value and label. */
    public record Option(String value, String label) {}

    private void simulate(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        Instant now = clock.instant();
        PortfolioSimulation simulation = new PortfolioSimulation(
                runtime.journeys().engine(caller.tenant()),
                store.read(h -> runtime.journeys().overrides(h.getConnection(), caller.tenant())),
                activity);
        String journey = Optional.ofNullable(ctx.queryParam("journey")).orElse("");
        if (!journey.isEmpty() && simulation.journeys().stream().noneMatch(j -> j.id().equals(journey))) {
            throw ApiError.notFound("journey", journey);
        }
        int days = number(ctx, "days", 30);
        if (!PERIODS.contains(days)) {
            throw ApiError.badParameter(
                    "days", "choose a period of 7, 14, 30, 60 or 90 days (at most " + MAX_DAYS + ")");
        }
        int size = number(ctx, "size", SIZES.get(SIZES.size() - 1));
        if (!SIZES.contains(size)) {
            throw ApiError.badParameter("size", "choose a synthetic portfolio of 100, 250 or 500 residents");
        }
        boolean own = hasPeople(caller);
        List<Option> communities = new ArrayList<>();
        String requested = Optional.ofNullable(ctx.queryParam("community")).orElse("");
        Optional<String> community;
        if (own) {
            community = Communities.chosen(store, caller, requested);
            Communities.visible(store, caller).forEach(c -> communities.add(new Option(c.id(), c.name())));
        } else {
            Map<String, String> synthetic = Portfolios.syntheticCommunities(size, now);
            if (!requested.isEmpty() && !synthetic.containsKey(requested)) {
                throw ApiError.badParameter(
                        "community",
                        "the synthetic portfolio of " + size + " residents has no community '" + requested
                                + "'; choose one of its " + synthetic.size());
            }
            community = Optional.of(requested).filter(c -> !c.isEmpty());
            synthetic.forEach((id, name) -> communities.add(new Option(id, name)));
        }
        Form form = new Form(journey, community.orElse(""), days, size, own, journeys(simulation), communities);
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", Chrome.of("Simulate", "simulate", s));
        params.put("form", form);
        params.put("limits", limits());
        params.put("report", Optional.empty());
        params.put("stopped", "");
        int status = 200;
        if (ctx.queryParam("run") != null) {
            if (!oneAtATime.tryAcquire()) {
                status = 503;
                params.put("stopped", "Another simulation is running on this server; try again in a moment.");
            } else {
                try {
                    SimulatedPortfolio portfolio = own
                            ? Portfolios.own(store, runtime.properties(), caller, now, community, MAX_PEOPLE)
                                    .orElseThrow()
                            : Portfolios.synthetic(size, now, community, MAX_PEOPLE);
                    params.put(
                            "report",
                            Optional.of(simulation.run(
                                    portfolio,
                                    Optional.of(journey).filter(j -> !j.isEmpty()),
                                    now,
                                    days,
                                    TIME_LIMIT,
                                    MAX_LINES)));
                } catch (PortfolioSimulation.TooLarge e) {
                    status = 422;
                    params.put(
                            "stopped",
                            "The simulation was stopped: " + e.getMessage()
                                    + ". Choose one journey, one community or a shorter period.");
                } finally {
                    oneAtATime.release();
                }
            }
        }
        View.render(ctx, status, "simulate/index.jte", params);
    }

    /** The bounds, as the page states them. */
    public static String limits() {
        return "At most " + MAX_DAYS + " days and " + String.format("%,d", MAX_PEOPLE) + " people (the synthetic"
                + " portfolio at most " + SIZES.get(SIZES.size() - 1) + " residents); a run stops after "
                + TIME_LIMIT.toSeconds() + " s of work, and one simulation runs at a time.";
    }

    private boolean hasPeople(Caller caller) {
        var q = new dev.threshold.server.http.Query("SELECT 1 FROM contacts WHERE tenant_id = ?", caller.tenant());
        q.and(dev.threshold.server.auth.Scope.filter(caller, "community_id"));
        q.append(" LIMIT 1");
        return !store.read(h -> q.list(h.getConnection(), rs -> 1)).isEmpty();
    }

    private static List<Option> journeys(PortfolioSimulation simulation) {
        Map<String, Option> out = new LinkedHashMap<>();
        simulation.journeys().stream()
                .sorted(Comparator.comparing(Journey::name))
                .forEach(j -> out.put(j.id(), new Option(j.id(), j.name())));
        return List.copyOf(out.values());
    }

    private static int number(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, "'" + v + "' is not a whole number");
        }
    }
}
