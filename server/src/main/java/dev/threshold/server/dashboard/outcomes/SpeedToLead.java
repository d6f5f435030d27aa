package dev.threshold.server.dashboard.outcomes;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.runtime.store.Sql;
import dev.threshold.server.dashboard.Format;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

    static Figures of(Connection c, String tenant, CommunityView community, Instant from, Instant until)
            throws SQLException {
        long[] waits = new long[PROBED];
        int answered = 0;
        long leads = 0;
        long fast = 0;
        long after = 0;
        long afterFast = 0;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT lead_at, first_response_at FROM leads WHERE tenant_id = ? AND community_id = ?"
                        + " AND lead_at >= ? AND lead_at < ? ORDER BY lead_at DESC LIMIT ?")) {
            Sql.bind(st, tenant, community.id(), from.toEpochMilli(), until.toEpochMilli(), PROBED);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    leads++;
                    long at = rs.getLong(1);
                    long first = rs.getLong(2);
                    boolean withinFive = false;
                    if (!rs.wasNull()) {
                        waits[answered++] = (first - at) / 1000;
                        withinFive = first - at <= FIVE_MINUTES.toMillis();
                    }
                    fast += withinFive ? 1 : 0;
                    if (!community.calendar().isOpen(Instant.ofEpochMilli(at))) {
                        after++;
                        afterFast += withinFive ? 1 : 0;
                    }
                }
            }
        }
        Arrays.sort(waits, 0, answered);
        OptionalLong median = answered == 0 ? OptionalLong.empty() : OptionalLong.of(waits[(answered - 1) / 2]);
        return new Figures(
                leads, Format.duration(median), Format.share(fast, leads), after, Format.share(afterFast, after));
    }
}
