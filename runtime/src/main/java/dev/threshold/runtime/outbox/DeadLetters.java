package dev.threshold.runtime.outbox;

import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** Lists the messages that ran out of attempts, and puts them back in the outbox to be tried again. */
public final class DeadLetters {
    private final Store store;
    private final InstantSource clock;

    public DeadLetters(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A tenant's dead letters, the most recent first. */
    public List<DeadLetter> list(String tenant, int limit) {
        return store.read(h -> h.createQuery("SELECT tenant_id, message_key, contact_id, journey_id, step, attempts,"
                        + " last_error, updated_at FROM outbox WHERE tenant_id = :t AND status = 'dead'"
                        + " ORDER BY updated_at DESC, message_key LIMIT :n")
                .bind("t", tenant)
                .bind("n", limit)
                .map((rs, ctx) -> new DeadLetter(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3) == null ? "" : rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getString(7) == null ? "" : rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))))
                .list());
    }

    /** Puts one dead letter back, with its attempts reset; false when no dead letter has that key. */
    public boolean retry(String tenant, String key) {
        Instant now = clock.instant();
        return store.write(h -> Sql.update(
                        h.getConnection(),
                        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?"
                                + " WHERE tenant_id = ? AND message_key = ? AND status = 'dead'",
                        now,
                        now,
                        tenant,
                        key))
                == 1;
    }

    /** Puts every dead letter of a tenant back; returns how many. */
    public int retryAll(String tenant) {
        Instant now = clock.instant();
        return store.write(h -> Sql.update(
                h.getConnection(),
                "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?"
                        + " WHERE tenant_id = ? AND status = 'dead'",
                now,
                now,
                tenant));
    }
}
