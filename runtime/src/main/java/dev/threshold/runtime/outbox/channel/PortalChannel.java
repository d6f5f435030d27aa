package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Set;

/**
 * Puts a message in the resident portal: a row of {@code portal_notifications} under the message key, which the
 * portal lists and marks read through {@link dev.threshold.runtime.portal.PortalNotifications}. The key is the
 * row's identity, so a repeat is answered as already delivered and never shown twice.
 */
public final class PortalChannel implements ChannelAdapter {
    private final Store store;
    private final InstantSource clock;

    public PortalChannel(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.PORTAL);
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (m.contact().isEmpty()) {
            return new DeliveryResult.Refused("a portal notification needs a contact to show it to");
        }
        String contact = m.contact().get();
        int inserted = store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO portal_notifications (tenant_id, notification_key, partition, contact_id, community_id,"
                        + " journey_id, step, purpose, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, notification_key) DO NOTHING",
                m.tenant(),
                m.key(),
                store.partitions().of(m.tenant(), contact),
                contact,
                Sql.text(m.communityId()),
                m.journey(),
                m.step(),
                m.purpose().name().toLowerCase(Locale.ROOT),
                Sql.text(m.subject()),
                m.body(),
                clock.instant()));
        return inserted == 1
                ? new DeliveryResult.Delivered("shown in the portal of " + contact)
                : new DeliveryResult.AlreadyDelivered("the portal already shows key " + m.key());
    }
}
