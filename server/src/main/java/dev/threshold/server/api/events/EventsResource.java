package dev.threshold.server.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.ingest.Ingest;
import dev.threshold.runtime.ingest.IngestProblem;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Requests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import dev.threshold.server.ops.Metrics;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/events} and {@code POST /v1/events/batch}: events in, checked at once. Each event's {@code id} is
 * its idempotency key: a repeat is acknowledged as a duplicate and not applied again. A batch answers per event,
 * in order, so one bad event does not stop the others.
 */
public final class EventsResource implements Resource {
    private final Ingest ingest;
    private final Metrics metrics;
    private final long maxBody;
    private final int maxBatch;

    public EventsResource(Ingest ingest, Metrics metrics, long maxBody, int maxBatch) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.maxBody = maxBody;
        this.maxBatch = maxBatch;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/v1/events", Permission.SEND_EVENTS, this::one);
        routes.post("/v1/events/batch", Permission.SEND_EVENTS, this::batch);
    }

    private void one(Context ctx) {
        Caller caller = Gate.caller(ctx);
        JsonNode envelope = Requests.jsonObject(ctx, maxBody);
        Optional<IngestResult> outOfScope = outOfScope(caller, envelope);
        IngestResult result = outOfScope.orElseGet(() -> ingest.ingest(caller.tenant(), envelope));
        metrics.ingested(outcome(result), "api");
        switch (result) {
            case IngestResult.Accepted a -> Respond.json(ctx, 202, view(a, -1));
            case IngestResult.Duplicate d -> Respond.json(ctx, 200, view(d, -1));
            case IngestResult.Rejected r -> throw ApiError.invalid(problems(r, ""));
        }
    }

    private void batch(Context ctx) {
        Caller caller = Gate.caller(ctx);
        JsonNode body = Requests.jsonObject(ctx, maxBody);
        JsonNode events = body.path("events");
        if (!events.isArray()) {
            throw ApiError.invalid("events", "required: a list of event envelopes");
        }
        if (events.isEmpty()) {
            throw ApiError.invalid("events", "a batch holds at least one event");
        }
        if (events.size() > maxBatch) {
            throw ApiError.invalid("events", "has " + events.size() + " events; a batch holds at most " + maxBatch);
        }
        body.fieldNames().forEachRemaining(n -> {
            if (!n.equals("events")) {
                throw ApiError.invalid(Requests.clip(n, 60), "is not a field of a batch; expected only events");
            }
        });
        List<JsonNode> inScope = new ArrayList<>();
        Map<Integer, IngestResult> refused = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Optional<IngestResult> out = outOfScope(caller, events.get(i));
            if (out.isPresent()) {
                refused.put(i, out.get());
            } else {
                inScope.add(events.get(i));
            }
        }
        List<IngestResult> done = inScope.isEmpty() ? List.of() : ingest.ingest(caller.tenant(), inScope);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("accepted", 0, "duplicate", 0, "rejected", 0));
        int next = 0;
        for (int i = 0; i < events.size(); i++) {
            IngestResult r = refused.containsKey(i) ? refused.get(i) : done.get(next++);
            metrics.ingested(outcome(r), "api");
            counts.merge(outcome(r), 1, Integer::sum);
            results.add(view(r, i));
        }
        if (counts.get("rejected") == events.size()) {
            throw ApiError.invalid(rejectedBatch(refused, done, events.size()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", counts.get("accepted"));
        answer.put("duplicates", counts.get("duplicate"));
        answer.put("rejected", counts.get("rejected"));
        answer.put("results", results);
        Respond.ok(ctx, answer);
    }

    /** Every event was refused: one 422 listing each problem as {@code events[i].field}. */
    private static List<ApiError.Problem> rejectedBatch(
            Map<Integer, IngestResult> refused, List<IngestResult> done, int size) {
        List<ApiError.Problem> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < size; i++) {
            IngestResult r = refused.containsKey(i) ? refused.get(i) : done.get(next++);
            if (r instanceof IngestResult.Rejected x) {
                out.addAll(problems(x, "events[" + i + "]."));
            }
        }
        return out;
    }

    /**
     * A scoped key may send only events of its communities, and no one may send a channel-only type ({@link
     * ChannelOnlyEvents}); others are refused before ingest sees them.
     */
    private static Optional<IngestResult> outOfScope(Caller caller, JsonNode envelope) {
        Optional<IngestResult> channelOnly = ChannelOnlyEvents.refusal(envelope);
        if (channelOnly.isPresent()) {
            return channelOnly;
        }
        if (!caller.scoped()) {
            return Optional.empty();
        }
        JsonNode c = envelope.path("community");
        if (c.isTextual() && caller.communities().contains(c.asText())) {
            return Optional.empty();
        }
        String id = envelope.path("id").isTextual() ? envelope.path("id").asText() : "";
        return Optional.of(new IngestResult.Rejected(
                id,
                List.of(new IngestProblem(
                        "community",
                        "this key is limited to the communities "
                                + caller.communities().stream().sorted().toList()))));
    }

    static String outcome(IngestResult r) {
        return switch (r) {
            case IngestResult.Accepted a -> "accepted";
            case IngestResult.Duplicate d -> "duplicate";
            case IngestResult.Rejected x -> "rejected";
        };
    }

    /** One event's answer; {@code index} is its place in a batch (-1 for a single event). */
    public static Map<String, Object> view(IngestResult r, int index) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (index >= 0) {
            m.put("index", index);
        }
        m.put("id", r.id());
        m.put("status", outcome(r));
        switch (r) {
            case IngestResult.Accepted a -> {
                if (!a.contact().isEmpty()) {
                    m.put("contact", a.contact());
                }
            }
            case IngestResult.Duplicate d -> m.put("message", d.message());
            case IngestResult.Rejected x ->
                m.put(
                        "errors",
                        problems(x, "").stream()
                                .map(p -> Map.of(
                                        "code",
                                        p.code(),
                                        "message",
                                        p.message(),
                                        "field",
                                        p.field().orElse("")))
                                .toList());
        }
        return m;
    }

    static List<ApiError.Problem> problems(IngestResult.Rejected r, String prefix) {
        return r.problems().stream()
                .map(p -> new ApiError.Problem("invalid", p.message(), Optional.of(prefix + p.field())))
                .toList();
    }
}
