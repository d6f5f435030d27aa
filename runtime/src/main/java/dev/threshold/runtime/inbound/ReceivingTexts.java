package dev.threshold.runtime.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.guardrail.InboundSms;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.contact.ContactRef;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.outbox.CarrierReply;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SMS provider's inbound webhook: a text a person sent us. Mount {@code POST /webhooks/{tenant}/sms/inbound}
 * on {@link #handle}, passing the request's headers and raw body as they came.
 *
 * <p>The request must carry a valid {@link InboundSignature} made within the tolerance ({@link #handle}); behind a
 * route that checks signatures itself, {@link #accept} takes the verified request. A provider's retry or a replay
 * (the same message id, or the same signature) is acknowledged and not applied twice. The sender's number
 * is resolved to a contact (a new one for a number no one has), and the text is read before any journey hears it
 * ({@link InboundSms}): an opt-out withdraws texts for the number at once and queues the one confirmation; START
 * restores them; HELP is answered with the community's details; a text that might be an opt-out opens a staff
 * task; journeys then hear {@code sms.replied} (and {@code consent.changed}). All of it commits in one
 * transaction, so an accepted text is never half applied.
 *
 * <p>Answers: 200 (received, or a repeat), 400 (a body that is not a provider's text, with every problem), 401 (a
 * missing, wrong or stale signature), 413 (over 64 KiB), 415 (neither a form nor JSON). Nothing is stored unless
 * the answer is 200.
 */
public final class ReceivingTexts {
    /** The receipts' source name for inbound texts. */
    static final String SOURCE = "sms-inbound";

    private static final int MAX_BODY = 64 * 1024;
    private static final Duration TASK_DUE = Duration.ofHours(4);

    private final Store store;
    private final ChannelSettings.Sms settings;
    private final InstantSource clock;

    public ReceivingTexts(Store store, ChannelSettings.Sms settings, InstantSource clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A text as the provider posted it. */
    private record Text(Optional<String> id, String from, String to, String body) {}

    /** A provider's post as it came: checks its signature, then {@link #accept}s it. */
    public HttpAnswer handle(String tenant, Map<String, String> headers, String body) {
        if (tenant == null || tenant.isBlank()) {
            return HttpAnswer.error(400, "a tenant is required in the webhook's path");
        }
        if (body == null || body.length() > MAX_BODY) {
            return HttpAnswer.error(413, "the body must be present and at most " + MAX_BODY + " bytes");
        }
        Optional<String> signature = ProviderPost.header(headers, InboundSignature.HEADER);
        Optional<String> forged = InboundSignature.problem(
                settings.webhookSecret(),
                signature,
                InboundSignature.SMS,
                body,
                clock.instant(),
                settings.signatureTolerance());
        if (forged.isPresent()) {
            return HttpAnswer.error(401, forged.get());
        }
        return accept(tenant, ProviderPost.header(headers, "Content-Type"), body, signature.orElseThrow());
    }

    /**
     * A post whose signature the caller already checked (the API's signed-webhook routes do): reads and applies it.
     *
     * @param replayKey what names the request when the provider gives no message id: its signature header
     */
    public HttpAnswer accept(String tenant, Optional<String> contentType, String body, String replayKey) {
        if (tenant == null || tenant.isBlank()) {
            return HttpAnswer.error(400, "a tenant is required in the webhook's path");
        }
        if (body == null || body.length() > MAX_BODY) {
            return HttpAnswer.error(413, "the body must be present and at most " + MAX_BODY + " bytes");
        }
        ProviderPost post;
        try {
            post = ProviderPost.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            return HttpAnswer.error(e.getMessage().startsWith("content type") ? 415 : 400, e.getMessage());
        }
        Optional<String> from = post.get(List.of("From", "from", "msisdn", "sender"));
        if (from.isEmpty() || !from.get().replaceAll("[^+0-9]", "").matches("\\+[1-9][0-9]{7,14}")) {
            return HttpAnswer.error(
                    400,
                    "not an inbound text: from: "
                            + from.map(f -> "'" + f + "' is not an E.164 number")
                                    .orElse("required"));
        }
        Text t = new Text(
                post.get(List.of("MessageSid", "SmsSid", "id", "message_id", "messageId")),
                from.get().replaceAll("[^+0-9]", ""),
                post.get(List.of("To", "to", "recipient")).orElse("").replaceAll("[^+0-9]", ""),
                // a picture without words has no body: it is still a reply
                post.get(List.of("Body", "text", "message")).orElse(""));
        String receipt = t.id().orElseGet(() -> "sig:" + Receipts.digest(replayKey));
        Instant now = clock.instant();
        return store.write(h -> apply(h, tenant, t, receipt, now));
    }

    private HttpAnswer apply(Handle h, String tenant, Text t, String receipt, Instant now) throws SQLException {
        Connection c = h.getConnection();
        if (!Receipts.take(c, tenant, SOURCE, receipt, now)) {
            return answer("duplicate", Optional.empty(), Optional.empty());
        }
        String contact = contactOf(c, tenant, t.from(), now);
        ContactView stored = Directory.findContact(c, tenant, contact)
                .orElseThrow(() -> new IllegalStateException("the phone identity " + t.from() + " of tenant " + tenant
                        + " names " + contact + ", who is not stored"));
        List<ConsentChange> changes =
                Consents.current(c, tenant, List.of(stored)).getOrDefault(contact, List.of());
        ContactView seen = ConsentChange.apply(stored, changes);
        Optional<String> communityId = settings.communityOfNumber(t.to()).or(seen::community);
        Optional<CommunityView> community =
                communityId.isEmpty() ? Optional.empty() : Directory.findCommunity(c, tenant, communityId.get());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("body", t.body());
        data.put("from", t.from());
        if (!t.to().isEmpty()) {
            data.put("to", t.to());
        }
        Event received = new Event(
                t.id().orElse("sms-in:" + receipt),
                "sms.received",
                now,
                Optional.of(contact),
                communityId,
                Map.of(),
                data,
                Optional.empty());
        InboundSms.Handling handling = InboundSms.handle(received, seen, community);
        String readAs = handling.intent().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (handling.smsAllowed().isPresent()) {
            boolean allowed = handling.smsAllowed().get();
            Consents.write(
                    c,
                    store.partitions(),
                    tenant,
                    Optional.of(contact),
                    new ConsentChange(
                            Channel.SMS,
                            t.from(),
                            ConsentChange.Scope.ALL,
                            allowed,
                            allowed ? ConsentChange.Reason.OPT_IN : ConsentChange.Reason.OPT_OUT,
                            source(t.body()),
                            now));
        }
        if (handling.reply().isPresent()) {
            new CarrierReply(t.from(), handling.reply().get(), Optional.of(contact), communityId, readAs)
                    .enqueue(c, store.partitions(), tenant, InboundSms.answerKey(received), now);
        }
        if (handling.staffTask().isPresent()) {
            openTask(
                    c,
                    tenant,
                    contact,
                    communityId,
                    InboundSms.taskKey(received),
                    handling.staffTask().get(),
                    t,
                    now);
        }
        EventAppends.append(c, store, tenant, handling.events(), now);
        return answer("received", Optional.of(contact), Optional.of(readAs));
    }

    /**
     * The contact a number names: whoever has it as an identity, verified or not (stored again should an identity
     * outlive its contact's row), else a new contact.
     */
    private String contactOf(Connection c, String tenant, String phone, Instant now) throws SQLException {
        Identity identity = Identity.phone(phone, true);
        Optional<String> known = Optional.empty();
        try (PreparedStatement st = c.prepareStatement("SELECT contact_id FROM contact_identities"
                + " WHERE tenant_id = ? AND kind = ? AND value = ? ORDER BY verified DESC")) {
            Sql.bind(st, tenant, identity.kind().id(), identity.value());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    known = Optional.of(rs.getString(1));
                }
            }
        }
        ContactRef ref = new ContactRef(known, Optional.empty(), Optional.empty(), Optional.of(identity));
        return Directory.resolve(c, store.partitions(), tenant, ref, now);
    }

    private void openTask(
            Connection c,
            String tenant,
            String contact,
            Optional<String> community,
            String key,
            String title,
            Text t,
            Instant now)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO tasks (tenant_id, task_key, partition, contact_id, instance_id, journey_id, step,"
                        + " community_id, role, title, description, status, due_at, created_at)"
                        + " VALUES (?, ?, ?, ?, '', 'guardrails', 'sms-check', ?, 'community-manager', ?, ?, 'open', ?, ?)"
                        + " ON CONFLICT (tenant_id, task_key) DO NOTHING",
                tenant,
                key,
                store.partitions().of(tenant, contact),
                contact,
                Sql.text(community),
                title,
                "They texted " + t.from() + ": \"" + t.body().strip() + "\". If it asks us to stop, record the"
                        + " opt-out; texts to them continue until then.",
                now.plus(TASK_DUE),
                now);
    }

    private static String source(String body) {
        String word = body.strip();
        return word.split("\\s+").length == 1 ? "sms keyword " + word.toUpperCase(Locale.ROOT) : "sms reply: " + word;
    }

    private static HttpAnswer answer(String status, Optional<String> contact, Optional<String> readAs) {
        ObjectNode n = StateJson.mapper().createObjectNode();
        n.put("status", status);
        contact.ifPresent(ct -> n.put("contact", ct));
        readAs.ifPresent(r -> n.put("read_as", r));
        return HttpAnswer.json(200, n);
    }
}
