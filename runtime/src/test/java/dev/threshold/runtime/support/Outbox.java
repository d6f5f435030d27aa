package dev.threshold.runtime.support;

import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Messages put in the outbox as a worker puts them (the same row a journey's send step leaves), for tests about
 * what the dispatcher does with any message: any channels, purpose, priority and due time.
 */
public final class Outbox {
    private Outbox() {}

    /** A message as a journey's send step makes it. */
    public static Builder aMessage(String key) {
        return new Builder(key);
    }

    /** Builds a {@link Effect.SendMessage}. */
    public static final class Builder {
        private final String key;
        private String recipient = "R-1";
        private Optional<String> staffRole = Optional.empty();
        private Optional<String> community = Optional.of("cedar-ridge");
        private final List<Channel> channels = new ArrayList<>();
        private final Map<Channel, Effect.Rendered> content = new EnumMap<>(Channel.class);
        private Purpose purpose = Purpose.MARKETING;
        private int priority = 50;
        private String journey = "test-journey";

        Builder(String key) {
            this.key = key;
        }

        public Builder to(String contact) {
            this.recipient = contact;
            return this;
        }

        /** To the staff holding a role at the community, not to a contact. */
        public Builder toStaff(String role) {
            this.staffRole = Optional.of(role);
            return this;
        }

        public Builder community(String id) {
            this.community = Optional.of(id);
            return this;
        }

        public Builder sms(String body) {
            channels.add(Channel.SMS);
            content.put(Channel.SMS, new Effect.Rendered(Optional.empty(), body));
            return this;
        }

        public Builder email(String subject, String body) {
            channels.add(Channel.EMAIL);
            content.put(Channel.EMAIL, new Effect.Rendered(Optional.of(subject), body));
            return this;
        }

        public Builder portal(String subject, String body) {
            channels.add(Channel.PORTAL);
            content.put(Channel.PORTAL, new Effect.Rendered(Optional.of(subject), body));
            return this;
        }

        /** A webhook to a URL with a JSON body. */
        public Builder webhook(String url, String json) {
            channels.add(Channel.WEBHOOK);
            content.put(Channel.WEBHOOK, new Effect.Rendered(Optional.of(url), json));
            return this;
        }

        public Builder purpose(Purpose p) {
            this.purpose = p;
            return this;
        }

        public Builder transactional() {
            return purpose(Purpose.TRANSACTIONAL);
        }

        public Builder marketing() {
            return purpose(Purpose.MARKETING);
        }

        public Builder priority(int p) {
            this.priority = p;
            return this;
        }

        public Builder journey(String id) {
            this.journey = id;
            return this;
        }

        public Effect.SendMessage build() {
            return new Effect.SendMessage(
                    key,
                    journey + ":" + recipient + ":1",
                    journey,
                    "step-" + key,
                    staffRole.isPresent() ? Optional.empty() : Optional.of(recipient),
                    staffRole,
                    community,
                    channels,
                    purpose,
                    priority,
                    content);
        }

        /** Puts the message in a tenant's outbox, due at a moment. */
        public Effect.SendMessage queue(Store store, String tenant, Instant due) {
            Effect.SendMessage m = build();
            put(store, tenant, m, due);
            return m;
        }
    }

    /** Puts a message in the outbox, due at a moment, as the worker's batch writes do. */
    public static void put(Store store, String tenant, Effect.SendMessage m, Instant due) {
        store.write(h -> Sql.update(
                h.getConnection(),
                "INSERT INTO outbox (tenant_id, message_key, partition, contact_id, instance_id, journey_id, step,"
                        + " purpose, status, attempts, next_attempt_at, input_seq, effect_no, created_at, updated_at,"
                        + " message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0, 0, ?, ?, ?)",
                tenant,
                m.key(),
                store.partitions().of(tenant, m.recipient().orElse("")),
                m.recipient().orElse(""),
                m.instance(),
                m.journey(),
                m.step(),
                m.purpose().name().toLowerCase(Locale.ROOT),
                due,
                due,
                due,
                StateJson.write(m)));
    }

    /** The status of a message in the outbox. */
    public static String status(Store store, String tenant, String key) {
        return store.read(h -> h.createQuery("SELECT status FROM outbox WHERE tenant_id = :t AND message_key = :k")
                .bind("t", tenant)
                .bind("k", key)
                .mapTo(String.class)
                .one());
    }

    /** A message's delivery log, oldest first: "outcome channel reason". */
    public static List<Map<String, Object>> deliveries(Store store, String tenant, String key) {
        return store.read(h -> h.createQuery("SELECT outcome, channel, purpose, reason, at, until_at FROM deliveries"
                        + " WHERE tenant_id = :t AND message_key = :k ORDER BY seq")
                .bind("t", tenant)
                .bind("k", key)
                .mapToMap()
                .list());
    }
}
