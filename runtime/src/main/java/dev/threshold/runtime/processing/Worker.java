package dev.threshold.runtime.processing;

import dev.threshold.runtime.cluster.Ownership;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.property.TenantRecords;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Processes the inputs of a set of partitions in log order, a batch per transaction: the new instance states,
 * timers, outbox rows, tasks, facts, entry records, emitted events and the partitions' offsets commit
 * together, so a crash anywhere loses nothing and repeats nothing. After a restart it continues from the
 * committed offsets.
 *
 * <pre>{@code
 * Worker worker = new Worker(store, catalog, clock, FixedOwnership.all(64), 500, Map.of(), new TenantRecords(), () -> {});
 * while (worker.processOnce() > 0) {}
 * }</pre>
 */
public final class Worker {
    private final Store store;
    private final JourneyCatalog catalog;
    private final InstantSource clock;
    private final Ownership ownership;
    private final int batchSize;
    private final Map<Class<?>, Object> extensions;
    private final TenantRecords records;
    private final Runnable queuedMessages;
    /** Where processing stands; replaced, never changed, and only by the processing thread (under {@code this}). */
    private volatile Position position;

    /**
     * Where a worker stands for the partitions it owns.
     *
     * @param cursor the sequence number up to which every owned partition is processed
     * @param owned the partitions (and lease epochs) it was read for
     * @param startOffsets each owned partition's committed offset when read: a partition ahead of the cursor skips
     *     the inputs it already processed
     */
    private record Position(long cursor, Map<Integer, Long> owned, Map<Integer, Long> startOffsets) {
        static final Position NONE = new Position(0, Map.of(), Map.of());

        Position after(long last) {
            return new Position(last, owned, startOffsets);
        }
    }

    /**
     * @param ownership the partitions this worker may process: all of them, a share, or leases of a cluster
     * @param extensions domain data the engine's actions may ask the context for, by type, the same for every
     *     tenant (tests); empty to serve each tenant's property records from the store
     * @param records the node's cache of tenants' property records
     * @param queuedMessages told after a batch that queued messages committed (to wake the dispatcher)
     */
    public Worker(
            Store store,
            JourneyCatalog catalog,
            InstantSource clock,
            Ownership ownership,
            int batchSize,
            Map<Class<?>, Object> extensions,
            TenantRecords records,
            Runnable queuedMessages) {
        this.store = store;
        this.queuedMessages = queuedMessages;
        this.records = records;
        this.catalog = catalog;
        this.clock = clock;
        this.ownership = ownership;
        this.batchSize = batchSize;
        this.extensions = Map.copyOf(extensions);
    }

    private record Done(int processed, long last) {}

    private record Decided(Batch batch, int processed, long last, Instant now) {}

    /** Processes the next batch of inputs; returns how many (0 when there were none, or no partition is owned). */
    public synchronized int processOnce() {
        Position at = position();
        long from = at.cursor();
        Map<Integer, Long> held = at.owned();
        if (held.isEmpty()) {
            return 0;
        }
        // Decide on a read connection, then write: on SQLite the one writer thread is not held while the engine
        // works, so ingest keeps committing. Safe because only this worker writes these partitions' state.
        Decided decided = store.read(h -> {
            Connection c = h.getConnection();
            List<InputLog.Row> rows = InputLog.read(c, from, filter(held), batchSize);
            if (rows.isEmpty()) {
                return null;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Batch batch = new Batch(c, catalog, store.partitions(), now, extensions, records);
            batch.prefetch(rows);
            for (InputLog.Row row : rows) {
                if (row.seq() > at.startOffsets().getOrDefault(row.partition(), 0L)) {
                    batch.process(row); // else: processed before a restart, by a worker ahead of this one
                }
            }
            batch.seal();
            return new Decided(batch, rows.size(), rows.get(rows.size() - 1).seq(), now);
        });
        if (decided == null) {
            return 0;
        }
        Done done;
        try {
            done = store.write(h -> {
                Connection c = h.getConnection();
                ownership.fence(c, held);
                commitOffsets(c, held.keySet(), decided.last(), decided.now());
                decided.batch().flush(c, store.dialect()); // appends to the event log last: see InputLog.append
                return new Done(decided.processed(), decided.last());
            });
        } catch (Ownership.Fenced e) {
            decided.batch().abandoned();
            position = null; // another node took a partition: continue with what is still ours, from what is committed
            return 0;
        } catch (RuntimeException e) {
            decided.batch().abandoned();
            throw e;
        }
        decided.batch().committed();
        if (decided.batch().queuedMessages()) {
            queuedMessages.run();
        }
        position = at.after(done.last());
        return done.processed();
    }

    /**
     * How many inputs of this worker's partitions wait to be processed, counted up to {@code limit}: callers ask
     * "is there any?" or "more than n?", and counting further would cost a scan every time they ask.
     */
    public long backlog(long limit) {
        Position at = estimate();
        long from = at.cursor();
        Set<Integer> mine = at.owned().keySet();
        if (mine.isEmpty()) {
            return 0;
        }
        if (filter(at.owned()).isEmpty()) {
            return Math.min(limit, store.read(h -> InputLog.last(h.getConnection())) - from);
        }
        // ordered by seq: a walk of the log from the cursor, whatever the planner believes of the table (unordered,
        // stale statistics had it scan the whole log, several times a second)
        return store.read(h -> {
            Object[] params = new Object[mine.size() + 2];
            params[0] = from;
            int i = 1;
            for (Integer p : mine) {
                params[i++] = p;
            }
            params[i] = limit;
            try (PreparedStatement st = h.getConnection()
                    .prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM event_log WHERE seq > ? AND partition IN ("
                            + Sql.marks(mine.size()) + ") ORDER BY seq LIMIT ?) AS waiting")) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Whether any input of this worker's partitions waits to be processed. */
    public boolean hasBacklog() {
        return backlog(1) > 0;
    }

    /** The partitions to read: none named when the worker has them all (the query needs no filter). */
    private Set<Integer> filter(Map<Integer, Long> held) {
        return held.size() == store.partitions().count() ? Set.of() : held.keySet();
    }

    /**
     * Where processing stands, read again from the committed offsets when the partitions owned changed. Called by
     * the processing thread only: a position read while a batch is in flight would miss that batch's offsets.
     */
    private Position position() {
        Map<Integer, Long> now = ownership.owned();
        Position at = position;
        if (at == null || !at.owned().equals(now)) {
            at = read(now, true);
            position = at;
        }
        return at;
    }

    /** Where processing stands, for other threads: the processing thread's position, or one read for them. */
    private Position estimate() {
        Map<Integer, Long> now = ownership.owned();
        Position at = position;
        return at != null && at.owned().equals(now) ? at : read(now, false);
    }

    private Position read(Map<Integer, Long> owned, boolean createMissing) {
        if (owned.isEmpty()) {
            return Position.NONE;
        }
        Map<Integer, Long> starts = new java.util.HashMap<>();
        long cursor = createMissing
                ? store.write(h -> offsets(h.getConnection(), owned, true, starts))
                : store.read(h -> offsets(h.getConnection(), owned, false, starts));
        return new Position(cursor, Map.copyOf(owned), Map.copyOf(starts));
    }

    private long offsets(Connection c, Map<Integer, Long> owned, boolean createMissing, Map<Integer, Long> starts)
            throws SQLException {
        if (createMissing) {
            List<Object[]> rows = new ArrayList<>();
            for (Integer p : owned.keySet()) {
                rows.add(new Object[] {p, clock.instant()});
            }
            Sql.batch(
                    c,
                    "INSERT INTO partition_offsets (partition, last_seq, updated_at) VALUES (?, 0, ?)"
                            + " ON CONFLICT (partition) DO NOTHING",
                    rows);
        }
        long min = Long.MAX_VALUE;
        try (PreparedStatement st = c.prepareStatement("SELECT partition, last_seq FROM partition_offsets");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (owned.containsKey(rs.getInt(1))) {
                    starts.put(rs.getInt(1), rs.getLong(2));
                    min = Math.min(min, rs.getLong(2));
                }
            }
        }
        for (Integer p : owned.keySet()) {
            if (!starts.containsKey(p)) {
                starts.put(p, 0L); // not created yet (an estimate): nothing of it processed
                min = 0;
            }
        }
        return min == Long.MAX_VALUE ? 0L : min;
    }

    private void commitOffsets(Connection c, Set<Integer> partitions, long last, Instant now) throws SQLException {
        Object[] params = new Object[partitions.size() + 3];
        params[0] = last;
        params[1] = now;
        int i = 2;
        for (Integer p : partitions) {
            params[i++] = p;
        }
        params[i] = last;
        Sql.update(
                c,
                "UPDATE partition_offsets SET last_seq = ?, updated_at = ? WHERE partition IN ("
                        + Sql.marks(partitions.size()) + ") AND last_seq < ?",
                params);
    }
}
