package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.guardrail.Verdict;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.cluster.Ownership;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.store.Dialect;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends what the outbox holds when it is due. Every journey message passes the engine's guardrails against the
 * recipient as they are now, their recorded consent changes applied (a STOP that arrived while the message waited
 * stops it): consent per channel and purpose in the step's fallback order, quiet hours in the recipient's zone,
 * frequency caps, where within a batch the higher-priority message is decided first and the lower one waits. Then
 * it goes to its channel's adapter under its deterministic key. A deferral moves the message's next attempt and
 * records why; a skip records why; a failure is tried again with exponential backoff and jitter, and after the
 * last attempt becomes a dead letter. Carrier-required answers (STOP, HELP, START) go at once, past the guardrails.
 * Every decision is written to the delivery log, which the "why" view reads.
 *
 * <p>A batch is read in one read transaction, sent with no transaction open (providers may be slow), and its
 * outcomes written in one write transaction.
 *
 * <p>When several nodes share the store ({@link Sharing}), each dispatches only the partitions it owns, so every
 * decision about one person (caps, priority order) is taken on one node; and it claims its batch first, in a short
 * write transaction, by moving the rows' next attempt a claim period ahead (PostgreSQL rows locked {@code SKIP
 * LOCKED}), like a queue's visibility timeout. A partition that changes hands while a batch is out therefore is not
 * sent again by its new owner, and a node that dies mid-batch leaves its claimed rows to be sent by the next owner
 * once the claim lapses. The dispatcher starts no send after most of the claim period has gone by.
 */
public final class Dispatcher {
    private final Store store;
    private final Guardrails guardrails;
    private final Channels channels;
    private final Backoff backoff;
    private final InstantSource clock;
    private final int batch;
    private final Optional<Sharing> sharing;

    /**
     * How a dispatcher shares the outbox with other nodes' dispatchers.
     *
     * @param ownership the partitions this node dispatches (its leases, or the partitions it was given)
     * @param claim how long a claimed batch stays invisible to other dispatchers; longer than the channels' timeouts
     */
    public record Sharing(Ownership ownership, Duration claim) {}

    /** A dispatcher alone on its store: it sends every partition's messages. */
    public Dispatcher(
            Store store, Guardrails guardrails, Channels channels, Backoff backoff, InstantSource clock, int batch) {
        this(store, guardrails, channels, backoff, clock, batch, Optional.empty());
    }

    public Dispatcher(
            Store store,
            Guardrails guardrails,
            Channels channels,
            Backoff backoff,
            InstantSource clock,
            int batch,
            Optional<Sharing> sharing) {
        this.store = store;
        this.guardrails = guardrails;
        this.channels = channels;
        this.backoff = backoff;
        this.clock = clock;
        this.batch = batch;
        this.sharing = sharing;
    }

    private record Claimed(List<Due> due, Recipients recipients) {}

    /** Decides and sends up to a batch of due messages; returns how many it handled. */
    public int dispatchOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Claimed claimed;
        Optional<Instant> stopSending = Optional.empty();
        if (sharing.isPresent()) {
            Set<Integer> owned = sharing.get().ownership().owned().keySet();
            if (owned.isEmpty()) {
                return 0;
            }
            Duration period = sharing.get().claim();
            claimed = store.write(h -> {
                List<Due> due = claim(h.getConnection(), now, Optional.of(owned), store.dialect() == Dialect.POSTGRES);
                if (due.isEmpty()) {
                    return null;
                }
                hide(h.getConnection(), due, now.plus(period));
                return new Claimed(due, Recipients.read(h.getConnection(), due, now));
            });
            stopSending = Optional.of(now.plus(period.multipliedBy(3).dividedBy(5)));
        } else {
            claimed = store.read(h -> {
                List<Due> due = claim(h.getConnection(), now, Optional.empty(), false);
                return due.isEmpty() ? null : new Claimed(due, Recipients.read(h.getConnection(), due, now));
            });
        }
        if (claimed == null) {
            return 0;
        }
        Outcomes outcomes = new Outcomes(now, backoff);
        for (Due d : decisionOrder(claimed.due())) {
            if (stopSending.isPresent() && clock.instant().isAfter(stopSending.get())) {
                break; // the claim is running out: the rest goes out after it lapses, from whichever node owns it
            }
            switch (d) {
                case Due.Journey j -> decide(j, claimed.recipients(), outcomes, now);
                case Due.Answer a -> answer(a, claimed.recipients(), outcomes);
            }
        }
        store.write(h -> {
            outcomes.write(h.getConnection());
            return null;
        });
        return claimed.due().size();
    }

    /** When the next pending message is due, if any is. */
    public Optional<Instant> nextAttempt() {
        return store.read(h -> h.createQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }

    /** Makes claimed rows invisible to the other nodes' dispatchers until the claim lapses. */
    private static void hide(Connection c, List<Due> due, Instant until) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Due d : due) {
            rows.add(new Object[] {until.toEpochMilli(), d.tenant(), d.key()});
        }
        Sql.batch(
                c,
                "UPDATE outbox SET next_attempt_at = ? WHERE tenant_id = ? AND message_key = ? AND status = 'pending'",
                rows);
    }

    /** The due messages, of the given partitions only when given; {@code lockRows}: skip those another node holds. */
    private List<Due> claim(Connection c, Instant now, Optional<Set<Integer>> partitions, boolean lockRows)
            throws SQLException {
        List<Due> out = new ArrayList<>();
        Object[] owned = partitions.map(Set::toArray).orElse(new Object[0]);
        String only = partitions.isPresent() ? " AND o.partition IN (" + Sql.marks(owned.length) + ")" : "";
        // an instance that ended in a later batch than the message was written: the message is withdrawn. What
        // the ending itself sent was written in the same batch (the same created_at as the instance's updated_at)
        try (PreparedStatement st =
                c.prepareStatement("SELECT o.tenant_id, o.message_key, o.attempts, o.purpose, o.message,"
                        + " CASE WHEN i.status IN ('completed', 'exited', 'ended', 'cancelled', 'failed')"
                        + " AND o.created_at < i.updated_at THEN i.status END"
                        + " FROM outbox o LEFT JOIN instances i ON i.tenant_id = o.tenant_id"
                        + " AND i.instance_id = o.instance_id WHERE o.status = 'pending'"
                        + " AND o.next_attempt_at <= ?" + only
                        + " ORDER BY o.next_attempt_at, o.input_seq, o.effect_no LIMIT ?"
                        + (lockRows ? " FOR UPDATE OF o SKIP LOCKED" : ""))) {
            Object[] params = new Object[owned.length + 2];
            params[0] = now.toEpochMilli();
            System.arraycopy(owned, 0, params, 1, owned.length);
            params[params.length - 1] = batch;
            Sql.bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String tenant = rs.getString(1);
                    String key = rs.getString(2);
                    int attempts = rs.getInt(3);
                    out.add(
                            CarrierReply.PURPOSE.equals(rs.getString(4))
                                    ? new Due.Answer(
                                            tenant, key, attempts, StateJson.read(rs.getString(5), CarrierReply.class))
                                    : new Due.Journey(
                                            tenant,
                                            key,
                                            attempts,
                                            StateJson.read(rs.getString(5), Effect.SendMessage.class),
                                            Optional.ofNullable(rs.getString(6))));
                }
            }
        }
        return out;
    }

    /** Answers first; then journey messages, the higher priority first, so a frequency cap holds the lower ones. */
    private static List<Due> decisionOrder(List<Due> due) {
        List<Due> ordered = new ArrayList<>(due);
        ordered.sort(Comparator.comparingInt(Dispatcher::rank));
        return ordered;
    }

    private static int rank(Due d) {
        return switch (d) {
            case Due.Answer a -> Integer.MIN_VALUE;
            case Due.Journey j -> -j.message().priority();
        };
    }

    private void decide(Due.Journey d, Recipients recipients, Outcomes outcomes, Instant now) {
        Effect.SendMessage m = d.message();
        if (d.ended().isPresent()) {
            outcomes.skipped(
                    d,
                    "journey ended: "
                            + recipients
                                    .endReason(d.tenant(), m)
                                    .orElse(d.ended().get()));
            return;
        }
        String contact = m.recipient().orElse("");
        ContactView who = m.recipient().isPresent()
                ? recipients.contact(d.tenant(), contact).orElse(ContactView.minimal(contact, ""))
                : ContactView.minimal("", "");
        Optional<CommunityView> community =
                m.community().or(who::community).flatMap(id -> recipients.community(d.tenant(), id));
        List<Guardrails.Sent> recent = m.recipient().isPresent() ? recipients.recent(d.tenant(), contact) : List.of();
        Verdict verdict = guardrails.check(m, who, community, now, recent);
        switch (verdict) {
            case Verdict.Send s -> {
                DeliveryResult result = send(d, m, who, community, s.channel());
                outcomes.sent(d, s.channel(), result, s.reason());
                boolean delivered =
                        result instanceof DeliveryResult.Delivered || result instanceof DeliveryResult.AlreadyDelivered;
                if (delivered
                        && m.purpose() == Purpose.MARKETING
                        && m.recipient().isPresent()) {
                    recipients.remember(d.tenant(), contact, new Guardrails.Sent(s.channel(), now));
                }
            }
            case Verdict.Defer f -> outcomes.deferred(d, f);
            case Verdict.Skip s -> outcomes.skipped(d, s.reason() + recipients.consentNote(d.tenant(), contact));
        }
    }

    private void answer(Due.Answer a, Recipients recipients, Outcomes outcomes) {
        CarrierReply reply = a.reply();
        OutboundMessage out = new OutboundMessage(
                a.tenant(),
                a.key(),
                Channel.SMS,
                reply.to(),
                Optional.empty(),
                reply.body(),
                Purpose.TRANSACTIONAL,
                "guardrails",
                "sms-answer",
                reply.contact(),
                reply.community().flatMap(id -> recipients.community(a.tenant(), id)));
        outcomes.sent(
                a,
                Channel.SMS,
                deliver(out),
                "the answer carriers require to " + reply.answering() + ", sent at once: consent, quiet hours and"
                        + " caps do not hold it");
    }

    private DeliveryResult send(
            Due d, Effect.SendMessage m, ContactView who, Optional<CommunityView> community, Channel channel) {
        Effect.Rendered rendered = m.content().get(channel);
        String to = switch (channel) {
            case WEBHOOK -> rendered == null ? "" : rendered.subject().orElse("");
            default ->
                m.staffRole().isPresent()
                        ? staffAddress(m.staffRole().get(), channel, community)
                        : who.addresses().getOrDefault(channel, "");
        };
        return deliver(new OutboundMessage(
                d.tenant(),
                m.key(),
                channel,
                to,
                channel == Channel.WEBHOOK || rendered == null ? Optional.empty() : rendered.subject(),
                rendered == null ? "" : rendered.body(),
                m.purpose(),
                m.journey(),
                m.step(),
                m.recipient(),
                community));
    }

    /**
     * Where a message to a staff role goes: by email, the community's office address; otherwise (or without one)
     * {@code staff:<role>@<community>}, which a recording channel keeps and a real provider refuses with that name.
     */
    private static String staffAddress(String role, Channel channel, Optional<CommunityView> community) {
        if (channel == Channel.EMAIL
                && community.isPresent()
                && !community.get().email().isBlank()) {
            return community.get().email();
        }
        return "staff:" + role + community.map(c -> "@" + c.id()).orElse("");
    }

    private DeliveryResult deliver(OutboundMessage out) {
        Optional<ChannelAdapter> adapter = channels.adapter(out.channel());
        if (adapter.isEmpty()) {
            return new DeliveryResult.Refused(
                    "no adapter sends on " + out.channel().id());
        }
        try {
            return adapter.get().send(out);
        } catch (RuntimeException e) {
            return new DeliveryResult.Retry("the " + out.channel().id() + " adapter failed: " + e);
        }
    }
}
