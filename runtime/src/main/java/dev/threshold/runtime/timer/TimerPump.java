package dev.threshold.runtime.timer;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.core.Timer;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Turns due timers into inputs: in one transaction it takes the oldest due timers, removes them and appends a
 * "timer fired" input for each to the event log, where the workers take it in order with the events. It moves
 * a bounded batch at a time, and only while the workers are nearly caught up, so after downtime a backlog of
 * overdue timers fires oldest first, interleaved with fresh events rather than ahead of them.
 */
public final class TimerPump {
    private final Store store;
    private final InstantSource clock;
    private final int batch;
    private final LongUnaryOperator backlog;
    private final long maxBacklog;

    /**
     * @param backlog how many inputs the workers have yet to process, counted up to the given limit
     * @param maxBacklog above this, no more timers are moved until the workers catch up
     */
    public TimerPump(Store store, InstantSource clock, int batch, LongUnaryOperator backlog, long maxBacklog) {
        this.store = store;
        this.clock = clock;
        this.batch = batch;
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
    }

    /** Fires up to a batch of due timers; returns how many. */
    public int fireDue() {
        if (backlog.applyAsLong(maxBacklog + 1) > maxBacklog) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!anyDue(now)) {
            return 0; // the common case, answered on a read connection without queueing behind the writer
        }
        return store.write(h -> {
            Connection c = h.getConnection();
            List<Object[]> due = new ArrayList<>();
            List<InputLog.Entry> fired = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT tenant_id, timer_id, partition, contact_id, timer FROM timers WHERE due_at <= ?"
                            + " ORDER BY due_at, tenant_id, timer_id LIMIT ?"
                            + store.dialect().skipLocked())) {
                Sql.bind(st, now.toEpochMilli(), batch);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timer t = StateJson.read(rs.getString(5), Timer.class);
                        due.add(new Object[] {rs.getString(1), rs.getString(2)});
                        fired.add(new InputLog.Entry(
                                rs.getString(1),
                                "timer:" + t.id() + "@" + t.due(),
                                rs.getInt(3),
                                InputLog.Kind.TIMER,
                                Optional.of(rs.getString(4)),
                                "timer." + t.kind().name().toLowerCase(Locale.ROOT),
                                t.due(),
                                rs.getString(5)));
                    }
                }
            }
            if (due.isEmpty()) {
                return 0;
            }
            Sql.batch(c, "DELETE FROM timers WHERE tenant_id = ? AND timer_id = ?", due);
            InputLog.append(c, store.dialect(), fired, now);
            return due.size();
        });
    }

    private boolean anyDue(Instant now) {
        // the earliest timer, compared here: one step into the due-time index whatever the planner believes of the
        // table. "WHERE due_at <= ? LIMIT 1" was planned as a full scan when statistics lagged (a table grown since
        // it was last analyzed), and it runs every 50 ms.
        return store.read(h -> h.createQuery("SELECT due_at FROM timers ORDER BY due_at LIMIT 1")
                .mapTo(Long.class)
                .findOne()
                .filter(due -> due <= now.toEpochMilli())
                .isPresent());
    }

    /** When the next timer falls due, if any is pending. */
    public Optional<Instant> nextDue() {
        return store.read(h -> h.createQuery("SELECT MIN(due_at) FROM timers")
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }

    /** How many timers are pending. */
    public long pending() {
        return store.read(h ->
                h.createQuery("SELECT COUNT(*) FROM timers").mapTo(Long.class).one());
    }
}
