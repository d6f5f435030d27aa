package dev.threshold.server.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.ingest.Ingest;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.server.api.events.ChannelOnlyEvents;
import dev.threshold.server.api.events.EventsResource;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Fields;
import dev.threshold.server.http.Json;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import dev.threshold.server.ops.Metrics;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inbound webhooks from a tenant's systems: {@code POST /v1/webhooks/{tenant}/{source}/events} takes one event
 * envelope or {@code {"events": [...]}}, signed ({@link SignedRequests}) instead of carrying an API key. An admin
 * manages the sources and their secrets at {@code /v1/webhook-sources}.
 */
public final class WebhooksResource implements Resource {
    private final WebhookSources sources;
    private final SignedRequests signed;
    private final Ingest ingest;
    private final Metrics metrics;
    private final long maxBody;
    private final int maxBatch;

    public WebhooksResource(
            WebhookSources sources, SignedRequests signed, Ingest ingest, Metrics metrics, long maxBody, int maxBatch) {
        this.sources = sources;
        this.signed = signed;
        this.ingest = ingest;
        this.metrics = metrics;
        this.maxBody = maxBody;
        this.maxBatch = maxBatch;
    }

    @Override
    public void register(Routes routes) {
        routes.open(HandlerType.POST, "/v1/webhooks/{tenant}/{source}/events", this::events);
        routes.get("/v1/webhook-sources", Permission.MANAGE_ACCESS, this::list);
        routes.post("/v1/webhook-sources", Permission.MANAGE_ACCESS, this::create);
        routes.delete("/v1/webhook-sources/{source}", Permission.MANAGE_ACCESS, this::revoke);
    }

    private void events(Context ctx) {
        Requests.requireType(ctx, "application/json");
        SignedRequests.Verified request = signed.verify(ctx);
        JsonNode body = Json.parse(request.body());
        List<JsonNode> envelopes = new ArrayList<>();
        boolean batch = body.isObject() && body.has("events");
        if (batch) {
            if (!body.path("events").isArray() || body.path("events").size() > maxBatch) {
                throw ApiError.invalid("events", "expected a list of at most " + maxBatch + " event envelopes");
            }
            body.path("events").forEach(envelopes::add);
        } else {
            envelopes.add(body);
        }
        // a channel-only type (sms.replied…) is refused here as on /v1/events: only the SMS webhook produces it
        List<JsonNode> allowed = new ArrayList<>();
        Map<Integer, IngestResult> refused = new java.util.HashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            int at = i;
            ChannelOnlyEvents.refusal(envelopes.get(i))
                    .ifPresentOrElse(r -> refused.put(at, r), () -> allowed.add(envelopes.get(at)));
        }
        List<IngestResult> done = allowed.isEmpty() ? List.of() : ingest.ingest(request.tenant(), allowed);
        List<IngestResult> results = new ArrayList<>();
        for (int i = 0, next = 0; i < envelopes.size(); i++) {
            results.add(refused.containsKey(i) ? refused.get(i) : done.get(next++));
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            metrics.ingested(
                    EventsResource.view(results.get(i), -1).get("status").toString(), "webhook");
            views.add(EventsResource.view(results.get(i), batch ? i : -1));
        }
        if (!batch && results.get(0) instanceof IngestResult.Rejected r) {
            throw ApiError.invalid(r.problems().stream()
                    .map(p -> ApiError.Problem.of(p.field(), p.message()))
                    .toList());
        }
        Respond.json(ctx, batch ? 200 : 202, batch ? Map.of("results", views) : views.get(0));
    }

    private static Caller unscoped(Context ctx) {
        Caller caller = Gate.caller(ctx);
        if (caller.scoped()) {
            throw ApiError.of(403, "forbidden", "managing webhook sources needs an admin key for all communities");
        }
        return caller;
    }

    private void list(Context ctx) {
        Respond.ok(ctx, Map.of("items", sources.list(unscoped(ctx).tenant())));
    }

    private void create(Context ctx) {
        Caller caller = unscoped(ctx);
        Fields f = new Fields(Requests.jsonObject(ctx, maxBody), "");
        f.allow("source");
        String source = f.text("source", true, 63).orElse("");
        if (!source.isEmpty() && !source.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            f.problem("source", "a source id is lower-case letters, digits and dashes, such as 'pms'");
        }
        f.done();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        body.put("secret", sources.create(caller.tenant(), source));
        body.put("url", "/v1/webhooks/" + caller.tenant() + "/" + source + "/events");
        body.put("note", "keep the secret now: it is shown only this once");
        Respond.json(ctx, 201, body);
    }

    private void revoke(Context ctx) {
        Caller caller = unscoped(ctx);
        String source = Requests.id(ctx, "source");
        if (!sources.revoke(caller.tenant(), source)) {
            throw ApiError.notFound("webhook source", source);
        }
        ctx.status(204);
    }
}
