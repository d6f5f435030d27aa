package dev.threshold.server.dashboard.outcomes;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.dashboard.Format;
import dev.threshold.server.http.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Speed to lead at one community: for each lead of the period (the newest {@link #PROBED}), the time from the lead
 * to the first message sent to that person at or after it, which the dispatcher writes on the lead when it records
 * the sending (V13): one index range per community, never a search of the deliveries. A lead with no message sent
 * yet counts as not answered within five minutes and has no time.
 */
public final class SpeedToLead {
    /** Leads looked at per community and period, newest first. */
    static final int PROBED = 2_000;

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private SpeedToLead() {}

    /** The figures: leads, median first response, share within five minutes, and the same after hours. */
    public record Figures(long leads, String median, String withinFive, long afterHours, String afterHoursWithinFive) {}

    static Figures of(Store store, String tenant, CommunityView community, Instant from, Instant until) {
        return store.read(h -> {
            Query leads = new Query(
                    "SELECT lead_at, first_response_at FROM leads WHERE tenant_id = ? AND community_id = ?"
                            + " AND lead_at >= ? AND lead_at < ? ORDER BY lead_at DESC LIMIT ?",
                    tenant,
                    community.id(),
                    from.toEpochMilli(),
                    until.toEpochMilli(),
                    PROBED);
            List<long[]> rows = leads.list(h.getConnection(), rs -> {
                long at = rs.getLong(1);
                long first = rs.getLong(2);
                return rs.wasNull() ? new long[] {at} : new long[] {at, first};
            });
            List<Long> waits = new ArrayList<>();
            long fast = 0;
            long after = 0;
            long afterFast = 0;
            for (long[] r : rows) {
                long at = r[0];
                Long answered = r.length > 1 ? r[1] : null;
                boolean withinFive = answered != null && answered - at <= FIVE_MINUTES.toMillis();
                if (answered != null) {
                    waits.add((answered - at) / 1000);
                }
                fast += withinFive ? 1 : 0;
                if (!community.calendar().isOpen(Instant.ofEpochMilli(at))) {
                    after++;
                    afterFast += withinFive ? 1 : 0;
                }
            }
            Collections.sort(waits);
            OptionalLong median =
                    waits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(waits.get((waits.size() - 1) / 2));
            return new Figures(
                    rows.size(),
                    Format.duration(median),
                    Format.share(fast, rows.size()),
                    after,
                    Format.share(afterFast, after));
        });
    }
}
