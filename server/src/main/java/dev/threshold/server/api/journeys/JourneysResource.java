package dev.threshold.server.api.journeys;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.load.Problem;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/journeys}: the tenant's published journeys; checking a journey document; publishing a new version (a
 * published version never changes) or the whole bundled library; switching a journey on or off and overriding its
 * settings, for the tenant or one community.
 */
public final class JourneysResource implements Resource {
    private final Store store;
    private final JourneyCatalog catalog;
    private final JourneyLoader loader;
    private final Path library;
    private final long maxBody;

    public JourneysResource(Store store, JourneyCatalog catalog, JourneyLoader loader, Path library, long maxBody) {
        this.store = store;
        this.catalog = catalog;
        this.loader = loader;
        this.library = library;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/journeys", Permission.READ, this::list);
        routes.post("/v1/journeys", Permission.MANAGE_JOURNEYS, this::publish);
        routes.post("/v1/journeys/validate", Permission.MANAGE_JOURNEYS, this::validate);
        routes.post("/v1/journeys/publish-library", Permission.MANAGE_JOURNEYS, this::publishLibrary);
        routes.get("/v1/journeys/{id}", Permission.READ, this::get);
        routes.get("/v1/journeys/{id}/versions/{version}", Permission.READ, this::version);
        routes.put("/v1/journeys/{id}/enablement", Permission.MANAGE_JOURNEYS, this::enable);
        routes.get("/v1/journeys/{id}/settings", Permission.READ, this::settings);
        routes.put("/v1/journeys/{id}/settings", Permission.MANAGE_JOURNEYS, this::override);
        routes.get("/v1/overrides", Permission.READ, this::overridesDocument);
        routes.put("/v1/overrides", Permission.MANAGE_JOURNEYS, this::replaceOverrides);
    }

    private void list(Context ctx) {
        Caller caller = Gate.caller(ctx);
        List<Map<String, Object>> items = catalog.engine(caller.tenant()).library().latest().stream()
                .map(JourneyJson::summary)
                .toList();
        Respond.ok(ctx, Map.of("items", items));
    }

    private Journey latest(Caller caller, String id) {
        return catalog.engine(caller.tenant()).library().latest(id).orElseThrow(() -> ApiError.notFound("journey", id));
    }

    private void get(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Journey j = latest(caller, Requests.id(ctx, "id"));
        Map<String, Object> body = JourneyJson.detail(j, JourneyRows.versions(store, caller.tenant(), j.id()));
        body.put("enablement", JourneyRows.enablement(store, caller, j.id()));
        Respond.ok(ctx, body);
    }

    private void version(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String id = Requests.id(ctx, "id");
        String v = ctx.pathParam("version");
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter("version", "'" + Requests.clip(v, 20) + "' is not a version number");
        }
        Respond.ok(
                ctx,
                JourneyRows.version(store, caller.tenant(), id, version)
                        .orElseThrow(() -> ApiError.notFound("journey version", id + "@" + version)));
    }

    private String yaml(Context ctx) {
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("yaml");
        String yaml =
                f.text("yaml", true, (int) Math.min(Integer.MAX_VALUE, maxBody)).orElse("");
        f.done();
        return yaml;
    }

    private void validate(Context ctx) {
        JourneyLoader.Loaded loaded = loader.load("journey.yaml", yaml(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", loaded.ok());
        loaded.journey().ifPresent(j -> body.put("journey", JourneyJson.summary(j)));
        body.put(
                "problems", loaded.problems().stream().map(JourneyJson::problem).toList());
        Respond.ok(ctx, body);
    }

    private void publish(Context ctx) {
        Caller caller = wholeTenant(ctx);
        String yaml = yaml(ctx);
        JourneyLoader.Loaded loaded = loader.load("journey.yaml", yaml);
        if (!loaded.ok()) {
            throw invalid(loaded.problems());
        }
        Journey j = loaded.journey().orElseThrow();
        Optional<String> existing = JourneyRows.yaml(store, caller.tenant(), j.id(), j.version());
        if (existing.isPresent() && !existing.get().equals(yaml)) {
            throw ApiError.conflict(j.ref() + " is already published with other content; publish the change as version "
                    + (j.version() + 1));
        }
        try {
            catalog.publish(caller.tenant(), "journey.yaml", yaml);
        } catch (LoadException e) {
            throw invalid(e.problems());
        }
        Respond.json(ctx, existing.isPresent() ? 200 : 201, JourneyJson.summary(j));
    }

    private void publishLibrary(Context ctx) {
        Caller caller = wholeTenant(ctx);
        List<Journey> published;
        try {
            published = catalog.publishAll(caller.tenant(), library);
        } catch (LoadException e) {
            throw invalid(e.problems());
        }
        Respond.ok(ctx, Map.of("published", published.stream().map(Journey::ref).toList()));
    }

    private void enable(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Journey j = latest(caller, Requests.id(ctx, "id"));
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("community", "enabled");
        Optional<String> community = f.id("community", false);
        boolean on = f.bool("enabled", true).orElse(true);
        f.done();
        Scope.requireWrite(caller, community, "community");
        catalog.enable(caller.tenant(), j.id(), community, on);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("journey", j.id());
        community.ifPresent(c -> body.put("community", c));
        body.put("enabled", on);
        Respond.ok(ctx, body);
    }

    private void settings(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Journey j = latest(caller, Requests.id(ctx, "id"));
        Optional<String> community = Optional.ofNullable(ctx.queryParam("community"));
        if (community.isPresent() && !caller.sees(community)) {
            throw ApiError.notFound("community", community.get());
        }
        Map<String, Object> merged = store.read(h -> {
            Optional<String> portfolio = community.isEmpty()
                    ? Optional.empty()
                    : Directory.findCommunity(h.getConnection(), caller.tenant(), community.get())
                            .flatMap(CommunityView::portfolio);
            return catalog.settings(h.getConnection(), caller.tenant(), j, community, portfolio);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("journey", j.id());
        community.ifPresent(c -> body.put("community", c));
        body.put("settings", merged);
        Respond.ok(ctx, body);
    }

    private void override(Context ctx) {
        Caller caller = Gate.caller(ctx);
        Journey j = latest(caller, Requests.id(ctx, "id"));
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("community", "settings");
        Optional<String> community = f.id("community", false);
        Map<String, Object> set = f.values("settings");
        if (!f.has("settings")) {
            f.problem("settings", "required: an object of setting names and their new values");
        }
        f.done();
        Scope.requireWrite(caller, community, "community");
        try {
            catalog.overrideSettings(caller.tenant(), j.id(), community, set);
        } catch (LoadException e) {
            throw ApiError.invalid(e.problems().stream()
                    .filter(Problem::isError)
                    .map(p -> ApiError.Problem.of("settings", p.message()))
                    .toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("journey", j.id());
        community.ifPresent(c -> body.put("community", c));
        body.put("settings", set);
        Respond.ok(ctx, body);
    }

    private void overridesDocument(Context ctx) {
        Caller caller = wholeTenant(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", catalog.overridesDocument(caller.tenant()).orElse(""));
        Respond.ok(ctx, body);
    }

    /**
     * The whole overrides document (YAML, or JSON, which is YAML too), checked against the tenant's journeys,
     * replacing the stored one; kept as sent, comments included.
     */
    private void replaceOverrides(Context ctx) {
        Caller caller = wholeTenant(ctx);
        String document =
                Requests.text(ctx, maxBody, "application/yaml", "text/yaml", "application/x-yaml", "application/json");
        try {
            catalog.setOverrides(caller.tenant(), document);
        } catch (LoadException e) {
            throw ApiError.invalid(e.problems().stream()
                    .filter(Problem::isError)
                    .map(p -> ApiError.Problem.of(
                            "document", "line " + p.line() + ", column " + p.column() + ": " + p.message()))
                    .toList());
        }
        Respond.ok(ctx, Map.of("document", document));
    }

    private static Caller wholeTenant(Context ctx) {
        Caller caller = Gate.caller(ctx);
        if (caller.scoped()) {
            throw ApiError.of(403, "forbidden", "publishing journeys needs a key for all communities");
        }
        return caller;
    }

    private static ApiError invalid(List<Problem> problems) {
        List<ApiError.Problem> out = problems.stream()
                .filter(Problem::isError)
                .map(p ->
                        ApiError.Problem.of("yaml", "line " + p.line() + ", column " + p.column() + ": " + p.message()))
                .toList();
        return ApiError.invalid(
                out.isEmpty() ? List.of(ApiError.Problem.of("yaml", "the journey does not load")) : out);
    }
}
