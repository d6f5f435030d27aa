package dev.threshold.runtime.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The SMS provider's delivery-status callbacks: what became of a text after the provider accepted it. Mount
 * {@code POST /webhooks/{tenant}/sms/status} on {@link #handle} (the SMS adapter gives this URL to the provider
 * when {@code status_callback_url} is set). Signed and replay-protected like inbound texts.
 *
 * <p>The status is recorded on the send ({@code channel_sends}) and in the delivery log, where the "why" view reads
 * it: {@code delivered}, or {@code undelivered} with the provider's error code. {@link #accept} takes a callback
 * whose signature a route checked already. A code the settings list as
 * permanent (a landline, an unknown or unsubscribed number) suppresses the number for texts, as a bounce.
 */
public final class DeliveryStatuses {
    static final String SOURCE = "sms-status";
    private static final Set<String> DELIVERED = Set.of("delivered", "read");
    private static final Set<String> FAILED = Set.of("undelivered", "failed");
    private static final int MAX_BODY = 64 * 1024;

    private final Store store;
    private final ChannelSettings.Sms settings;
    private final InstantSource clock;

    public DeliveryStatuses(Store store, ChannelSettings.Sms settings, InstantSource clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    private record Status(String providerId, String status, Optional<String> errorCode) {}

    private record Send(String key, Optional<String> contact, String address, String purpose) {}

    /** A provider's callback as it came: checks its signature, then {@link #accept}s it. */
    public HttpAnswer handle(String tenant, Map<String, String> headers, String body) {
        if (tenant == null || tenant.isBlank()) {
            return HttpAnswer.error(400, "a tenant is required in the webhook's path");
        }
        if (body == null || body.length() > MAX_BODY) {
            return HttpAnswer.error(413, "the body must be present and at most " + MAX_BODY + " bytes");
        }
        Optional<String> forged = InboundSignature.problem(
                settings.webhookSecret(),
                ProviderPost.header(headers, InboundSignature.HEADER),
                InboundSignature.SMS,
                body,
                clock.instant(),
                settings.signatureTolerance());
        if (forged.isPresent()) {
            return HttpAnswer.error(401, forged.get());
        }
        return accept(tenant, ProviderPost.header(headers, "Content-Type"), body);
    }

    /** A callback whose signature the caller already checked (the API's signed-webhook routes do). */
    public HttpAnswer accept(String tenant, Optional<String> contentType, String body) {
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
        Optional<String> id = post.get(List.of("MessageSid", "SmsSid", "id", "message_id", "messageId"));
        Optional<String> status = post.get(List.of("MessageStatus", "SmsStatus", "status"));
        if (id.isEmpty() || status.isEmpty()) {
            return HttpAnswer.error(
                    400,
                    "not a delivery status: " + (id.isEmpty() ? "id (MessageSid) is required" : "")
                            + (id.isEmpty() && status.isEmpty() ? "; " : "")
                            + (status.isEmpty() ? "status (MessageStatus) is required" : ""));
        }
        Status s = new Status(
                id.get(),
                status.get().toLowerCase(Locale.ROOT),
                post.get(List.of("ErrorCode", "error_code", "errorCode")));
        Instant now = clock.instant();
        return store.write(h -> apply(h, tenant, s, now));
    }

    private HttpAnswer apply(Handle h, String tenant, Status s, Instant now) throws SQLException {
        Connection c = h.getConnection();
        if (!Receipts.take(c, tenant, SOURCE, s.providerId() + ":" + s.status(), now)) {
            return answer("duplicate");
        }
        Optional<Send> send = find(c, tenant, s.providerId());
        if (send.isEmpty()) {
            return answer("unknown message"); // not ours, or long gone: a 200 stops the provider retrying
        }
        Optional<String> detail = s.errorCode().map(code -> "provider error " + code);
        Sql.update(
                c,
                "UPDATE channel_sends SET status = ?, detail = ?, updated_at = ? WHERE tenant_id = ? AND provider_id = ?",
                s.status(),
                Sql.text(detail),
                now,
                tenant,
                s.providerId());
        if (DELIVERED.contains(s.status()) || FAILED.contains(s.status())) {
            boolean delivered = DELIVERED.contains(s.status());
            boolean permanent = !delivered
                    && s.errorCode()
                            .filter(settings.permanentFailures()::contains)
                            .isPresent();
            String reason = "the provider says " + s.status()
                    + detail.map(d -> " (" + d + ")").orElse("")
                    + (permanent ? "; the number cannot take texts, so it is suppressed" : "");
            Sql.update(
                    c,
                    "INSERT INTO deliveries (tenant_id, message_key, contact_id, channel, purpose, outcome, reason, at,"
                            + " until_at) VALUES (?, ?, ?, 'sms', ?, ?, ?, ?, ?)",
                    tenant,
                    send.get().key(),
                    Sql.text(send.get().contact()),
                    send.get().purpose(),
                    delivered ? "delivered" : "undelivered",
                    reason,
                    now,
                    Sql.NULL_BIGINT);
            if (permanent) {
                Consents.write(
                        c,
                        store.partitions(),
                        tenant,
                        send.get().contact(),
                        new ConsentChange(
                                Channel.SMS,
                                send.get().address(),
                                ConsentChange.Scope.ALL,
                                false,
                                ConsentChange.Reason.BOUNCE,
                                "provider error " + s.errorCode().get() + " on "
                                        + send.get().key(),
                                now));
            }
        }
        return answer("recorded");
    }

    private static Optional<Send> find(Connection c, String tenant, String providerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT s.message_key, s.contact_id, s.address,"
                + " COALESCE(o.purpose, 'transactional') FROM channel_sends s LEFT JOIN outbox o"
                + " ON o.tenant_id = s.tenant_id AND o.message_key = s.message_key"
                + " WHERE s.tenant_id = ? AND s.provider_id = ? AND s.channel = 'sms'")) {
            Sql.bind(st, tenant, providerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Send(
                                rs.getString(1),
                                Optional.ofNullable(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    private static HttpAnswer answer(String status) {
        ObjectNode n = StateJson.mapper().createObjectNode();
        n.put("status", status);
        return HttpAnswer.json(200, n);
    }
}
