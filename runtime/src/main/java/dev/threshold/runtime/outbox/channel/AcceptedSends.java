package dev.threshold.runtime.outbox.channel;

import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.time.Instant;
import java.util.Optional;

/**
 * What email and SMS providers accepted, by message key ({@code channel_sends}). An adapter looks here before it
 * sends, so a key the provider already took is answered as delivered and never sent again (the dispatcher tries a
 * key again after a crash between sending and recording); delivery-status callbacks find the row by the
 * provider's id and record how the message fared.
 */
public final class AcceptedSends {
    private final Store store;

    public AcceptedSends(Store store) {
        this.store = store;
    }

    /** A message a provider accepted, and what it said about it since. */
    public record Accepted(
            String tenant,
            String key,
            Optional<String> contact,
            String channel,
            String address,
            String providerId,
            Optional<Integer> segments,
            Optional<String> encoding,
            String status,
            Optional<String> detail,
            Instant sentAt) {}

    private static final String COLUMNS = "tenant_id, message_key, contact_id, channel, address, provider_id,"
            + " segments, encoding, status, detail, sent_at";

    public Optional<Accepted> find(String tenant, String key) {
        return store.read(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM channel_sends WHERE tenant_id = :t AND message_key = :k")
                .bind("t", tenant)
                .bind("k", key)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    public Optional<Accepted> byProviderId(String tenant, String providerId) {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM channel_sends WHERE tenant_id = :t AND provider_id = :p ORDER BY sent_at DESC LIMIT 1")
                .bind("t", tenant)
                .bind("p", providerId)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    /** Records an accepted message; a key recorded before keeps its first record. */
    public void record(
            OutboundMessage m, String providerId, Optional<SmsSegments.Count> segments, String status, Instant at) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO channel_sends (tenant_id, message_key, partition, contact_id, channel, address,"
                        + " provider_id, segments, encoding, status, detail, sent_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, message_key) DO NOTHING",
                m.tenant(),
                m.key(),
                m.contact()
                        .map(c -> store.partitions().of(m.tenant(), c))
                        .orElseGet(() -> store.partitions().ofUnaddressed(m.tenant(), m.key())),
                Sql.text(m.contact()),
                m.channel().id(),
                m.to(),
                providerId,
                Sql.number(segments.map(SmsSegments.Count::segments)),
                Sql.text(segments.map(s -> s.encoding().label())),
                status,
                Sql.NULL_TEXT,
                at,
                at));
    }

    /** Records what the provider later said about a message (delivered, undelivered, failed and why). */
    public boolean updateStatus(String tenant, String providerId, String status, Optional<String> detail, Instant at) {
        return store.write(h -> Sql.update(
                        h.getConnection(),
                        "UPDATE channel_sends SET status = ?, detail = ?, updated_at = ?"
                                + " WHERE tenant_id = ? AND provider_id = ?",
                        status,
                        Sql.text(detail),
                        at,
                        tenant,
                        providerId))
                > 0;
    }

    private static Accepted read(java.sql.ResultSet rs) throws java.sql.SQLException {
        int segments = rs.getInt(7);
        Optional<Integer> seg = rs.wasNull() ? Optional.empty() : Optional.of(segments);
        return new Accepted(
                rs.getString(1),
                rs.getString(2),
                Optional.ofNullable(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                seg,
                Optional.ofNullable(rs.getString(8)),
                rs.getString(9),
                Optional.ofNullable(rs.getString(10)),
                Instant.ofEpochMilli(rs.getLong(11)));
    }
}
