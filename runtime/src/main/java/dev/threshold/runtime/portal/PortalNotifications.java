package dev.threshold.runtime.portal;

import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A contact's notifications in the resident portal, newest first, and marking them read. The API serves these
 * ({@code GET /contacts/{id}/notifications}, {@code POST /contacts/{id}/notifications/{key}/read}); the portal
 * channel writes them.
 */
public final class PortalNotifications {
    /** The most a page may hold. */
    public static final int MAX_PAGE = 200;

    private final Store store;
    private final InstantSource clock;

    public PortalNotifications(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One notification as the portal shows it. */
    public record Notification(
            String key,
            String contact,
            Optional<String> community,
            String journey,
            String step,
            String purpose,
            Optional<String> subject,
            String body,
            Instant createdAt,
            Optional<Instant> readAt) {}

    /** A contact's notifications, newest first; only the unread ones when asked. */
    public List<Notification> list(String tenant, String contact, boolean unreadOnly, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
        return store.read(h -> h.createQuery("SELECT notification_key, contact_id, community_id, journey_id, step,"
                        + " purpose, subject, body, created_at, read_at FROM portal_notifications"
                        + " WHERE tenant_id = :t AND contact_id = :c" + (unreadOnly ? " AND read_at IS NULL" : "")
                        + " ORDER BY created_at DESC, notification_key DESC LIMIT :n")
                .bind("t", tenant)
                .bind("c", contact)
                .bind("n", limit)
                .map((rs, ctx) -> {
                    long read = rs.getLong(10);
                    Optional<Instant> readAt =
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(read));
                    return new Notification(
                            rs.getString(1),
                            rs.getString(2),
                            Optional.ofNullable(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Optional.ofNullable(rs.getString(7)),
                            rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)),
                            readAt);
                })
                .list());
    }

    /** How many notifications a contact has not read. */
    public long unread(String tenant, String contact) {
        return store.read(h -> h.createQuery("SELECT COUNT(*) FROM portal_notifications"
                        + " WHERE tenant_id = :t AND contact_id = :c AND read_at IS NULL")
                .bind("t", tenant)
                .bind("c", contact)
                .mapTo(Long.class)
                .one());
    }

    /**
     * Marks one of the contact's notifications read; false when the contact has no notification with that key.
     * Reading it again keeps the first time it was read.
     */
    public boolean markRead(String tenant, String contact, String key) {
        Instant now = clock.instant();
        return store.write(h -> {
                    Sql.update(
                            h.getConnection(),
                            "UPDATE portal_notifications SET read_at = ? WHERE tenant_id = ? AND contact_id = ?"
                                    + " AND notification_key = ? AND read_at IS NULL",
                            now,
                            tenant,
                            contact,
                            key);
                    return h.createQuery("SELECT COUNT(*) FROM portal_notifications WHERE tenant_id = :t"
                                    + " AND contact_id = :c AND notification_key = :k")
                            .bind("t", tenant)
                            .bind("c", contact)
                            .bind("k", key)
                            .mapTo(Long.class)
                            .one();
                })
                == 1;
    }

    /** Marks every unread notification of a contact read; returns how many. */
    public int markAllRead(String tenant, String contact) {
        Instant now = clock.instant();
        return store.write(h -> Sql.update(
                h.getConnection(),
                "UPDATE portal_notifications SET read_at = ? WHERE tenant_id = ? AND contact_id = ? AND read_at IS NULL",
                now,
                tenant,
                contact));
    }
}
