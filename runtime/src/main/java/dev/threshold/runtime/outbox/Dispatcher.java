package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.guardrail.Verdict;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends what the outbox holds when it is due: each message passes the engine's guardrails (consent, quiet hours
 * in the recipient's zone, frequency caps), then goes to its channel's adapter under its deterministic key.
 * A deferral moves the message's next attempt and records why; a skip records why; a failure is tried again
 * with exponential backoff and jitter, and after the last attempt becomes a dead letter. Every decision is
 * written to the delivery log, which the "why" view reads.
 *
 * <p>One dispatcher per store: two would each send a due message once, and the second send would rely on
 * the channel's dedupe by key.
 */
public final class Dispatcher {
    /** The longest frequency-cap window the guardrails count back over. */
    private static final Duration CAP_LOOKBACK = Duration.ofDays(31);

    private final Store store;
    private final Guardrails guardrails;
    private final Channels channels;
    private final Backoff backoff;
    private final InstantSource clock;
    private final int batch;

    public Dispatcher(
            Store store, Guardrails guardrails, Channels channels, Backoff backoff, InstantSource clock, int batch) {
        this.store = store;
        this.guardrails = guardrails;
        this.channels = channels;
        this.backoff = backoff;
        this.clock = clock;
        this.batch = batch;
    }

    private record Due(String tenant, String key, String contact, int attempts, Effect.SendMessage message) {}

    /** Decides and sends up to a batch of due messages; returns how many it handled. */
    public int dispatchOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Due> due = store.read(h -> claim(h.getConnection(), now));
        if (due.isEmpty()) {
            return 0;
        }
        Outcomes outcomes = new Outcomes(now);
        store.read(h -> {
            Recipients recipients = new Recipients(h.getConnection(), now);
            recipients.prefetch(due);
            for (Due d : due) {
                handle(d, recipients, outcomes, now);
            }
            return null;
        });
        store.write(h -> {
            outcomes.write(h.getConnection());
            return null;
        });
        return due.size();
    }

    /** When the next pending message is due, if any is. */
    public Optional<Instant> nextAttempt() {
        return store.read(h -> h.createQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }

    private List<Due> claim(Connection c, Instant now) throws SQLException {
        List<Due> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT tenant_id, message_key, contact_id, attempts, message FROM outbox WHERE status = 'pending'"
                        + " AND next_attempt_at <= ? ORDER BY next_attempt_at, input_seq, effect_no LIMIT ?")) {
            Sql.bind(st, now.toEpochMilli(), batch);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            StateJson.read(rs.getString(5), Effect.SendMessage.class)));
                }
            }
        }
        return out;
    }

    private void handle(Due d, Recipients recipients, Outcomes outcomes, Instant now) throws SQLException {
        Effect.SendMessage m = d.message();
        ContactView who = m.recipient().isPresent()
                ? recipients
                        .contact(d.tenant(), m.recipient().get())
                        .orElse(ContactView.minimal(m.recipient().get(), ""))
                : ContactView.minimal("", "");
        Optional<String> communityId = m.community().or(who::community);
        Optional<CommunityView> community =
                communityId.isEmpty() ? Optional.empty() : recipients.community(d.tenant(), communityId.get());
        String contact = m.recipient().orElse("");
        List<Guardrails.Sent> recent = m.recipient().isPresent() ? recipients.recent(d.tenant(), contact) : List.of();
        Verdict verdict = guardrails.check(m, who, community, now, recent);
        switch (verdict) {
            case Verdict.Send s -> {
                DeliveryResult result = send(d, m, who, community, s.channel());
                outcomes.sent(d, s.channel(), result, s.reason(), backoff);
                if (isDelivered(result)
                        && m.purpose() == Purpose.MARKETING
                        && m.recipient().isPresent()) {
                    recipients.remember(d.tenant(), contact, new Guardrails.Sent(s.channel(), now));
                }
            }
            case Verdict.Defer f -> outcomes.deferred(d, f);
            case Verdict.Skip s -> outcomes.skipped(d, s.reason());
        }
    }

    private static boolean isDelivered(DeliveryResult r) {
        return r instanceof DeliveryResult.Delivered || r instanceof DeliveryResult.AlreadyDelivered;
    }

    private DeliveryResult send(
            Due d, Effect.SendMessage m, ContactView who, Optional<CommunityView> community, Channel channel) {
        Optional<ChannelAdapter> adapter = channels.adapter(channel);
        if (adapter.isEmpty()) {
            return new DeliveryResult.Refused("no adapter sends on " + channel.id());
        }
        Effect.Rendered rendered = m.content().get(channel);
        String to = switch (channel) {
            case WEBHOOK -> rendered == null ? "" : rendered.subject().orElse("");
            default ->
                m.staffRole().isPresent()
                        ? "staff:" + m.staffRole().get()
                                + community.map(c -> "@" + c.id()).orElse("")
                        : who.addresses().getOrDefault(channel, "");
        };
        OutboundMessage out = new OutboundMessage(
                d.tenant(),
                m.key(),
                channel,
                to,
                channel == Channel.WEBHOOK || rendered == null ? Optional.empty() : rendered.subject(),
                rendered == null ? "" : rendered.body(),
                m.purpose(),
                m.journey(),
                m.step(),
                m.recipient());
        try {
            return adapter.get().send(out);
        } catch (RuntimeException e) {
            return new DeliveryResult.Retry("the " + channel.id() + " adapter failed: " + e);
        }
    }

    /** Contacts, communities and recent marketing sends, read once per batch. */
    private static final class Recipients {
        private final Connection c;
        private final Instant now;
        private final Map<String, Optional<ContactView>> contacts = new HashMap<>();
        private final Map<String, Optional<CommunityView>> communities = new HashMap<>();
        private final Map<String, List<Guardrails.Sent>> recent = new HashMap<>();

        Recipients(Connection c, Instant now) {
            this.c = c;
            this.now = now;
        }

        /** Reads the recipients of a batch and their recent marketing sends with a few queries. */
        void prefetch(List<Due> due) throws SQLException {
            Map<String, java.util.Set<String>> byTenant = new HashMap<>();
            for (Due d : due) {
                d.message()
                        .recipient()
                        .ifPresent(r -> byTenant.computeIfAbsent(d.tenant(), t -> new java.util.TreeSet<>())
                                .add(r));
            }
            for (Map.Entry<String, java.util.Set<String>> e : byTenant.entrySet()) {
                String tenant = e.getKey();
                List<String> ids = List.copyOf(e.getValue());
                Map<String, ContactView> found = Directory.findContacts(c, tenant, ids);
                for (String id : ids) {
                    contacts.put(tenant + "\u0000" + id, Optional.ofNullable(found.get(id)));
                    recent.put(tenant + "\u0000" + id, new ArrayList<>());
                }
                for (int from = 0; from < ids.size(); from += 500) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    Object[] params = new Object[chunk.size() + 2];
                    params[0] = tenant;
                    params[1] = now.minus(CAP_LOOKBACK).toEpochMilli();
                    for (int i = 0; i < chunk.size(); i++) {
                        params[i + 2] = chunk.get(i);
                    }
                    try (PreparedStatement st = c.prepareStatement("SELECT contact_id, channel, at FROM deliveries"
                            + " WHERE tenant_id = ? AND at > ? AND outcome = 'sent' AND purpose = 'marketing'"
                            + " AND contact_id IN (" + Sql.marks(chunk.size()) + ")")) {
                        Sql.bind(st, params);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                recent.get(tenant + "\u0000" + rs.getString(1))
                                        .add(new Guardrails.Sent(
                                                Channel.parse(rs.getString(2)).orElseThrow(),
                                                Instant.ofEpochMilli(rs.getLong(3))));
                            }
                        }
                    }
                }
            }
        }

        Optional<ContactView> contact(String tenant, String id) throws SQLException {
            String k = tenant + "\u0000" + id;
            if (!contacts.containsKey(k)) {
                contacts.put(k, Directory.findContact(c, tenant, id));
            }
            return contacts.get(k);
        }

        Optional<CommunityView> community(String tenant, String id) throws SQLException {
            String k = tenant + "\u0000" + id;
            if (!communities.containsKey(k)) {
                communities.put(k, Directory.findCommunity(c, tenant, id));
            }
            return communities.get(k);
        }

        List<Guardrails.Sent> recent(String tenant, String contact) throws SQLException {
            String k = tenant + "\u0000" + contact;
            List<Guardrails.Sent> known = recent.get(k);
            if (known == null) {
                known = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT channel, at FROM deliveries WHERE tenant_id = ?"
                        + " AND contact_id = ? AND at > ? AND outcome = 'sent' AND purpose = 'marketing'")) {
                    Sql.bind(st, tenant, contact, now.minus(CAP_LOOKBACK).toEpochMilli());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            Channel ch = Channel.parse(rs.getString(1)).orElseThrow();
                            known.add(new Guardrails.Sent(ch, Instant.ofEpochMilli(rs.getLong(2))));
                        }
                    }
                }
                recent.put(k, known);
            }
            return known;
        }

        void remember(String tenant, String contact, Guardrails.Sent sent) {
            recent.computeIfAbsent(tenant + "\u0000" + contact, k -> new ArrayList<>())
                    .add(sent);
        }
    }

    /** The outbox updates and delivery-log rows of a batch, written in one transaction. */
    private static final class Outcomes {
        private final Instant now;
        private final List<Object[]> updates = new ArrayList<>();
        private final List<Object[]> log = new ArrayList<>();

        Outcomes(Instant now) {
            this.now = now;
        }

        void sent(Due d, Channel channel, DeliveryResult result, String reason, Backoff backoff) {
            int attempts = d.attempts() + 1;
            switch (result) {
                case DeliveryResult.Delivered r -> {
                    update(d, "sent", attempts, now, null);
                    log(d, channel, "sent", reason, null);
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
            updates.add(new Object[] {
                status, attempts, next, error == null ? Sql.NULL_TEXT : error, now, d.tenant(), d.key()
            });
        }

        private void log(Due d, Channel channel, String outcome, String reason, Instant until) {
            log.add(new Object[] {
                d.tenant(),
                d.key(),
                d.message().recipient().<Object>map(r -> r).orElse(Sql.NULL_TEXT),
                channel == null ? Sql.NULL_TEXT : channel.id(),
                d.message().purpose().name().toLowerCase(Locale.ROOT),
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
        }
    }
}
