package dev.threshold.server.dashboard.library;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.Query;
import java.util.HashMap;
import java.util.Map;

/** The library's numbers, from the running totals and the switches: a few hundred rows at most. */
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

    /** The switches: journey → community ('' for the tenant's default) → on. */
    static Map<String, Map<String, Boolean>> switches(Store store, Caller caller) {
        Query q = new Query(
                "SELECT journey_id, community_id, enabled FROM journey_enablement WHERE tenant_id = ?",
                caller.tenant());
        Map<String, Map<String, Boolean>> out = new HashMap<>();
        store.read(h -> q.list(
                h.getConnection(),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getInt(3) == 1)));
        return out;
    }

    /** Whether a journey is on at a community, as the runtime decides it: its own switch, the tenant's, else on. */
    static boolean on(Map<String, Boolean> switches, String community) {
        Boolean own = switches.get(community);
        if (own != null) {
            return own;
        }
        return switches.getOrDefault("", true);
    }
}
