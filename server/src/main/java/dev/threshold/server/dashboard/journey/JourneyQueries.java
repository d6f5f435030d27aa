package dev.threshold.server.dashboard.journey;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.http.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A journey's numbers from the running totals (migration V7) and the step counts, summed over versions and over the
 * communities asked for: the key's, or one of them.
 */
final class JourneyQueries {
    private final Store store;
    private final Caller caller;
    private final String journey;
    private final Optional<String> community;

    JourneyQueries(Store store, Caller caller, String journey, Optional<String> community) {
        this.store = store;
        this.caller = caller;
        this.journey = journey;
        this.community = community;
    }

    private Query where(String select) {
        Query q = new Query(select, caller.tenant(), journey);
        q.and(Scope.filter(caller, "community_id"));
        community.ifPresent(c -> q.and("community_id = ?", c));
        return q;
    }

    /** Stage → {reached, left}. */
    Map<String, long[]> stages() {
        Query q = where("SELECT stage, SUM(reached), SUM(left_count) FROM stage_totals WHERE tenant_id = ?"
                        + " AND journey_id = ?")
                .append(" GROUP BY stage");
        Map<String, long[]> out = new HashMap<>();
        store.read(h ->
                q.list(h.getConnection(), rs -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})));
        return out;
    }

    /** Stage → outcome → barrier ('' for none) → people. */
    Map<String, Map<String, Map<String, Long>>> exits() {
        Query q = where("SELECT stage, outcome, barrier, SUM(people) FROM stage_exits WHERE tenant_id = ?"
                        + " AND journey_id = ?")
                .append(" GROUP BY stage, outcome, barrier");
        Map<String, Map<String, Map<String, Long>>> out = new HashMap<>();
        store.read(h -> q.list(
                h.getConnection(),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new TreeMap<>())
                        .put(rs.getString(3), rs.getLong(4))));
        return out;
    }

    /** Stage → duration bucket → people. */
    Map<String, Map<Integer, Long>> durations() {
        Query q = where("SELECT stage, bucket, SUM(people) FROM stage_durations WHERE tenant_id = ?"
                        + " AND journey_id = ?")
                .append(" GROUP BY stage, bucket");
        Map<String, Map<Integer, Long>> out = new HashMap<>();
        store.read(h -> q.list(
                h.getConnection(),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3))));
        return out;
    }

    /** Step → times it ran. */
    Map<String, Long> runs() {
        Query q = where("SELECT step, SUM(runs) FROM step_counts WHERE tenant_id = ? AND journey_id = ?")
                .append(" GROUP BY step");
        Map<String, Long> out = new HashMap<>();
        store.read(h -> q.list(h.getConnection(), rs -> out.put(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** Day → {entered, goals}, from a day on. */
    Map<Integer, long[]> days(int fromDay) {
        Query q = where("SELECT day, SUM(entered), SUM(goals) FROM journey_days WHERE tenant_id = ? AND journey_id = ?")
                .and("day >= ?", fromDay)
                .append(" GROUP BY day ORDER BY day");
        Map<Integer, long[]> out = new TreeMap<>();
        store.read(h ->
                q.list(h.getConnection(), rs -> out.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)})));
        return out;
    }

    /** Community → {entered, goals}. */
    Map<String, long[]> perCommunity() {
        Query q = where(
                        "SELECT community_id, entered, goals FROM journey_totals WHERE tenant_id = ? AND journey_id = ?")
                .append(" ORDER BY community_id");
        Map<String, long[]> out = new TreeMap<>();
        store.read(h ->
                q.list(h.getConnection(), rs -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})));
        return out;
    }

    /** Split step and variant → {entered, goals}. */
    List<Object[]> variants() {
        Query q = where("SELECT step, variant, SUM(entered), SUM(goals) FROM split_totals WHERE tenant_id = ?"
                        + " AND journey_id = ?")
                .append(" GROUP BY step, variant ORDER BY step, variant");
        return store.read(h -> q.list(h.getConnection(), rs ->
                new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)}));
    }
}
