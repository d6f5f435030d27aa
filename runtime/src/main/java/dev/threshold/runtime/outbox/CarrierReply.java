package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * A text the carriers require us to send in answer to one we received: the single confirmation of a STOP, the
 * answer to HELP, the confirmation of a START. It goes through the outbox like any message (durable, retried,
 * recorded) under the purpose {@code compliance}, to the number that wrote, at once: consent, quiet hours and caps
 * do not hold it, because the person has just asked for it.
 *
 * @param to the number that wrote
 * @param answering what the text was read as: opt-out, opt-in, help
 */
public record CarrierReply(
        String to, String body, Optional<String> contact, Optional<String> community, String answering) {

    /** The outbox's purpose for these answers. */
    public static final String PURPOSE = "compliance";

    /** Queues the answer inside the caller's transaction; a key queued before is left as it is. */
    public void enqueue(Connection c, Partitions partitions, String tenant, String key, Instant now)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO outbox (tenant_id, message_key, partition, contact_id, instance_id, journey_id, step,"
                        + " purpose, status, attempts, next_attempt_at, input_seq, effect_no, created_at, updated_at,"
                        + " message) VALUES (?, ?, ?, ?, '', 'guardrails', 'sms-answer', ?, 'pending', 0, ?, 0, 0, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, message_key) DO NOTHING",
                tenant,
                key,
                contact.map(ct -> partitions.of(tenant, ct)).orElseGet(() -> partitions.ofUnaddressed(tenant, key)),
                Sql.text(contact),
                PURPOSE,
                now,
                now,
                now,
                StateJson.write(this));
    }
}
