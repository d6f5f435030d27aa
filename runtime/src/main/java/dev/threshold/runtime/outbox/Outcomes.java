package dev.threshold.runtime.outbox;

import dev.threshold.engine.guardrail.Verdict;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox updates and delivery-log rows of one dispatch batch, written in one transaction: what was sent,
 * deferred (and until when), skipped, failed (and when it is tried again) or given up on, each with its reason.
 */
final class Outcomes {
    private final Instant now;
    private final Backoff backoff;
    private final List<Object[]> updates = new ArrayList<>();
    private final List<Object[]> log = new ArrayList<>();
    private final List<Object[]> answered = new ArrayList<>();

    Outcomes(Instant now, Backoff backoff) {
        this.now = now;
        this.backoff = backoff;
    }

    void sent(Due d, Channel channel, DeliveryResult result, String reason) {
        int attempts = d.attempts() + 1;
        switch (result) {
            case DeliveryResult.Delivered r -> {
                update(d, "sent", attempts, now, null);
                log(d, channel, "sent", reason + "; " + r.detail(), null);
            }
            case DeliveryResult.AlreadyDelivered r -> {
                update(d, "sent", attempts, now, null);
                log(d, channel, "sent", reason + "; " + r.detail(), null);
            }
            case DeliveryResult.Retry r -> {
                if (attempts >= backoff.maxAttempts()) {
                    update(d, "dead", attempts, now, r.reason());
                    log(d, channel, "dead", "gave up after " + attempts + " attempts: " + r.reason(), null);
                } else {
                    Instant next = now.plus(backoff.delay(d.key(), attempts));
                    update(d, "pending", attempts, next, r.reason());
                    log(d, channel, "failed", "attempt " + attempts + " failed: " + r.reason(), next);
                }
            }
            case DeliveryResult.Refused r -> {
                update(d, "dead", attempts, now, r.reason());
                log(d, channel, "dead", "refused: " + r.reason(), null);
            }
        }
    }

    void deferred(Due d, Verdict.Defer f) {
        update(d, "pending", d.attempts(), f.until(), null);
        log(d, f.channel(), "deferred", f.reason(), f.until());
    }

    void skipped(Due d, String reason) {
        update(d, "skipped", d.attempts(), now, null);
        log(d, null, "skipped", reason, null);
    }

    private void update(Due d, String status, int attempts, Instant next, String error) {
        updates.add(
                new Object[] {status, attempts, next, error == null ? Sql.NULL_TEXT : error, now, d.tenant(), d.key()});
    }

    private void log(Due d, Channel channel, String outcome, String reason, Instant until) {
        if (outcome.equals("sent") && d.contact().isPresent()) {
            answered.add(
                    new Object[] {now.toEpochMilli(), d.tenant(), d.contact().get(), now.toEpochMilli()});
        }
        log.add(new Object[] {
            d.tenant(),
            d.key(),
            Sql.text(d.contact()),
            channel == null ? Sql.NULL_TEXT : channel.id(),
            d.purpose(),
            outcome,
            reason,
            now,
            until == null ? Sql.NULL_BIGINT : until
        });
    }

    void write(Connection c) throws SQLException {
        Sql.batch(
                c,
                "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?"
                        + " WHERE tenant_id = ? AND message_key = ? AND status = 'pending'",
                updates);
        Sql.batch(
                c,
                "INSERT INTO deliveries (tenant_id, message_key, contact_id, channel, purpose, outcome, reason, at,"
                        + " until_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                log);
        // speed to lead: a message sent answers the contact's leads still waiting for one (V13)
        Sql.batch(
                c,
                "UPDATE leads SET first_response_at = ? WHERE tenant_id = ? AND contact_id = ?"
                        + " AND first_response_at IS NULL AND lead_at <= ?",
                answered);
    }
}
