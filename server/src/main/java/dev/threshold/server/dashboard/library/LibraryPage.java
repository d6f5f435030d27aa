package dev.threshold.server.dashboard.library;

import dev.threshold.engine.journey.Category;
import dev.threshold.engine.journey.Journey;
import dev.threshold.runtime.journey.JourneyCatalog;
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
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /}: the journey library by category, with people active, goal conversion and each journey's state per
 * community; switching a journey on or off for a community goes through a confirmation page and then the same
 * runtime call as the API's {@code PUT /v1/journeys/{id}/enablement}.
 */
public final class LibraryPage implements Resource {
    private final Store store;
    private final JourneyCatalog catalog;
    private final PageGate gate;

    public LibraryPage(Store store, JourneyCatalog catalog, PageGate gate) {
        this.store = store;
        this.catalog = catalog;
        this.gate = gate;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/", gate.page(Permission.READ, this::library));
        routes.page(HandlerType.GET, "/journeys/{id}/switch", gate.page(Permission.MANAGE_JOURNEYS, this::confirm));
        routes.page(HandlerType.POST, "/journeys/{id}/switch", gate.page(Permission.MANAGE_JOURNEYS, this::change));
    }

    private void library(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        List<Communities.Shown> communities = Communities.visible(store, caller);
        Map<String, long[]> totals = LibraryQueries.totals(store, caller);
        List<Journey> all = catalog.engine(caller.tenant()).library().latest();
        List<LibraryView.Category> categories =
                store.read(h -> categories(h.getConnection(), caller, all, communities, totals));
        String notice = Optional.ofNullable(ctx.queryParam("switched"))
                .map(this::notice)
                .orElse("");
        View.render(
                ctx,
                "library/index.jte",
                Map.of(
                        "chrome",
                        Chrome.of("Journey library", "library", s),
                        "view",
                        new LibraryView(categories, communities, notice)));
    }

    /** The library by category; each journey's switch per community as the runtime decides it. */
    private List<LibraryView.Category> categories(
            Connection c,
            Caller caller,
            List<Journey> all,
            List<Communities.Shown> communities,
            Map<String, long[]> totals)
            throws SQLException {
        List<LibraryView.Category> categories = new ArrayList<>();
        for (Category category : Category.values()) {
            List<LibraryView.Row> rows = new ArrayList<>();
            for (Journey j : all) {
                if (j.category() != category) {
                    continue;
                }
                long[] t = totals.getOrDefault(j.id(), new long[3]);
                List<LibraryView.Switch> states = new ArrayList<>();
                if (!caller.scoped()) {
                    states.add(new LibraryView.Switch(
                            "",
                            "All communities (default)",
                            catalog.enabled(c, caller.tenant(), j.id(), Optional.empty())));
                }
                for (Communities.Shown shown : communities) {
                    states.add(new LibraryView.Switch(
                            shown.id(),
                            shown.name(),
                            catalog.enabled(
                                    c,
                                    caller.tenant(),
                                    j.id(),
                                    Optional.of(shown.id()),
                                    shown.view().portfolio())));
                }
                rows.add(new LibraryView.Row(
                        j.id(),
                        j.name(),
                        j.promise(),
                        Math.max(0, t[0] - t[2]),
                        t[0],
                        t[1],
                        Format.share(t[1], t[0]),
                        states));
            }
            if (!rows.isEmpty()) {
                String name =
                        category.name().charAt(0) + category.name().substring(1).toLowerCase(Locale.ROOT);
                categories.add(new LibraryView.Category(category.name().toLowerCase(Locale.ROOT), name, rows));
            }
        }
        return categories;
    }

    private String notice(String switched) {
        String[] p = switched.split(":", 3);
        if (p.length != 3) {
            return "";
        }
        String where = p[1].isEmpty() ? "all communities without a switch of their own" : p[1];
        return p[0] + " is now " + ("on".equals(p[2]) ? "on" : "off") + " for " + where + ".";
    }

    private record Request(Journey journey, Optional<String> community, boolean on) {}

    private Request request(Context ctx, Sessions.Session s, String community, String enabled) {
        Caller caller = s.caller();
        String id = ctx.pathParam("id");
        Journey j = catalog.engine(caller.tenant())
                .library()
                .latest(id)
                .orElseThrow(() -> ApiError.notFound("journey", id));
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw ApiError.badParameter("enabled", "say whether to switch it on (true) or off (false)");
        }
        Optional<String> where = Communities.chosen(store, caller, community);
        if (where.isEmpty() && caller.scoped()) {
            throw ApiError.of(403, "forbidden", "Your key is limited to communities: choose one of them.");
        }
        return new Request(j, where, Boolean.parseBoolean(enabled));
    }

    private void confirm(Context ctx, Sessions.Session s) {
        Request r = request(ctx, s, ctx.queryParam("community"), ctx.queryParam("enabled"));
        View.render(
                ctx,
                "library/confirm.jte",
                Map.of(
                        "chrome", Chrome.of("Switch " + r.journey().name(), "library", s),
                        "journey", r.journey(),
                        "community", r.community().orElse(""),
                        "on", r.on()));
    }

    private void change(Context ctx, Sessions.Session s) {
        Request r = request(ctx, s, ctx.formParam("community"), ctx.formParam("enabled"));
        catalog.enable(s.caller().tenant(), r.journey().id(), r.community(), r.on());
        String switched = r.journey().id() + ":" + r.community().orElse("") + ":" + (r.on() ? "on" : "off");
        ctx.redirect("/?switched=" + URLEncoder.encode(switched, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }
}
