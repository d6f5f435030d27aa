package dev.threshold.server.api.analytics;

import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Requests;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which facts a report counts: one journey's, of the tenant, optionally of one community and a time window
 * ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants). A scoped key counts only its communities.
 */
record FactFilter(String journey, Optional<String> community, Optional<Instant> from, Optional<Instant> to) {

    static FactFilter of(Context ctx, String journey) {
        return new FactFilter(
                journey, Optional.ofNullable(ctx.queryParam("community")), instant(ctx, "from"), instant(ctx, "to"));
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw ApiError.badParameter(
                    name, "'" + Requests.clip(v, 40) + "' is not an instant such as 2027-03-01T00:00:00Z");
        }
    }

    /** {@code SELECT … FROM facts WHERE tenant_id = ? AND journey_id = ?} and this filter's conditions. */
    Query select(String columns, Caller caller) {
        Query q = new Query(
                "SELECT " + columns + " FROM facts WHERE tenant_id = ? AND journey_id = ?", caller.tenant(), journey);
        q.and(Scope.filter(caller, "community_id"));
        community.ifPresent(c -> q.and("community_id = ?", c));
        from.ifPresent(t -> q.and("at >= ?", t.toEpochMilli()));
        to.ifPresent(t -> q.and("at < ?", t.toEpochMilli()));
        return q;
    }
}
