package dev.threshold.server.dashboard.library;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.Query;
import java.util.HashMap;
import java.util.Map;

/** The library's numbers, from the running totals: a few hundred rows at most. */
final class LibraryQueries {
    private LibraryQueries() {}

    /** Per journey: entered, goals, finished, summed over the communities the key sees. */
    static Map<String, long[]> totals(Store store, Caller caller) {
        Query q = new Query(
                "SELECT journey_id, SUM(entered), SUM(goals), SUM(finished) FROM journey_totals WHERE tenant_id = ?",
                caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        q.append(" GROUP BY journey_id");
        Map<String, long[]> out = new HashMap<>();
        store.read(h -> q.list(
                h.getConnection(),
                rs -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)})));
        return out;
    }
}
