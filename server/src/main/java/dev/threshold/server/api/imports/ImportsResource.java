package dev.threshold.server.api.imports;

import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.ImportProblem;
import dev.threshold.domain.importing.Imports;
import dev.threshold.domain.importing.csv.CsvKind;
import dev.threshold.runtime.property.ImportingRecords;
import dev.threshold.runtime.property.PropertyKind;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/imports}: a MITS feed (XML) or a CSV file in the body, planned against the tenant's records with
 * the same code as {@code threshold import}, then written all or nothing and its events ({@code unit.available},
 * {@code lead.created}, {@code lease.signed}…) ingested. {@code ?dry_run=true} only answers what it would do. A
 * file with problems is a 422 listing each with its line and column; nothing of it is written.
 */
public final class ImportsResource implements Resource {
    private final ImportingRecords importing;
    private final Metrics metrics;
    private final long maxBody;

    public ImportsResource(ImportingRecords importing, Metrics metrics, long maxBody) {
        this.importing = importing;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/v1/imports", Permission.WRITE_PROPERTY, this::importFile);
    }

    private void importFile(Context ctx) {
        Caller caller = Gate.caller(ctx);
        String formatText = Optional.ofNullable(ctx.queryParam("format"))
                .orElseThrow(() -> ApiError.badParameter("format", "required: mits or csv"));
        Imports.Format format = Imports.Format.parse(formatText)
                .orElseThrow(() ->
                        ApiError.badParameter("format", "'" + Requests.clip(formatText, 20) + "' is not mits or csv"));
        Optional<CsvKind> kind = Optional.ofNullable(ctx.queryParam("kind"))
                .map(k -> CsvKind.parse(k)
                        .orElseThrow(() -> ApiError.badParameter(
                                "kind",
                                "'" + Requests.clip(k, 30)
                                        + "' is not a CSV kind: contacts, units, leases or work-orders")));
        boolean dryRun = "true".equals(ctx.queryParam("dry_run"));
        String name = Optional.ofNullable(ctx.queryParam("file"))
                .map(f -> Requests.clip(f, 100))
                .orElse("upload");
        String text = format == Imports.Format.MITS
                ? Requests.text(ctx, maxBody, "application/xml", "text/xml")
                : Requests.text(ctx, maxBody, "text/csv");
        ImportPlan plan;
        try {
            plan = importing.plan(caller.tenant(), name, text, format, kind);
        } catch (ImportFailed e) {
            throw ApiError.invalid(e.problems().stream()
                    .limit(200)
                    .map(p -> ApiError.Problem.of(where(p), p.message()))
                    .toList());
        }
        checkScope(caller, plan);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", plan.file());
        body.put("kind", plan.kind());
        body.put("dry_run", dryRun);
        Map<String, Object> counts = new LinkedHashMap<>();
        plan.counts()
                .forEach((k, c) -> counts.put(
                        k, Map.of("created", c.created(), "updated", c.updated(), "unchanged", c.unchanged())));
        body.put("records", counts);
        body.put("notes", plan.notes());
        if (dryRun) {
            body.put("events", Map.of("planned", plan.events().size()));
            Respond.ok(ctx, body);
            return;
        }
        Map<String, Integer> events;
        try {
            events = importing.write(caller.tenant(), plan);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("(body)", e.getMessage());
        }
        events.forEach((outcome, n) -> {
            for (int i = 0; i < n; i++) {
                metrics.ingested(outcome, "import");
            }
        });
        body.put("events", events);
        Respond.ok(ctx, body);
    }

    /** A key limited to communities imports only records of its communities. */
    private static void checkScope(Caller caller, ImportPlan plan) {
        if (!caller.scoped()) {
            return;
        }
        for (PropertyKind<?> kind : PropertyKind.ALL) {
            for (Object record : kind.inSet().apply(plan.changes())) {
                Optional<String> community = community(kind, record);
                if (community.isPresent() && !caller.sees(community)) {
                    throw ApiError.of(
                            403,
                            "forbidden",
                            "the file has records of community '" + community.get()
                                    + "', outside the communities of this key");
                }
            }
        }
    }

    private static <T> Optional<String> community(PropertyKind<T> kind, Object record) {
        return kind.community().apply(kind.type().cast(record));
    }

    private static String where(ImportProblem p) {
        return "line " + p.line() + (p.column() > 0 ? ", column " + p.column() : "")
                + (p.where().isEmpty() ? "" : ": " + p.where());
    }
}
