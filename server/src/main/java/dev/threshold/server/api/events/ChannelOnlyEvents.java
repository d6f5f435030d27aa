package dev.threshold.server.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.ingest.IngestProblem;
import dev.threshold.runtime.ingest.IngestResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Event types only a channel may produce: a text a person sent ({@code sms.received}) and what journeys hear of it
 * ({@code sms.replied}) come from the SMS provider's signed webhook, after the guardrails read the text for STOP and
 * HELP. A client posting them through the events API would skip that reading (a STOP would not stop anything) and
 * could make a journey believe a person replied, so they are refused there with where to send texts instead.
 */
public final class ChannelOnlyEvents {
    public static final Set<String> TYPES = Set.of("sms.received", "sms.replied");

    private ChannelOnlyEvents() {}

    /** The refusal of an envelope of a channel-only type; empty for any other. */
    public static Optional<IngestResult> refusal(JsonNode envelope) {
        String type = envelope == null ? "" : envelope.path("type").asText("");
        if (!TYPES.contains(type)) {
            return Optional.empty();
        }
        String id = envelope.path("id").isTextual() ? envelope.path("id").asText() : "";
        return Optional.of(new IngestResult.Rejected(
                id,
                List.of(new IngestProblem(
                        "type",
                        "'" + type + "' comes only from the SMS provider's signed webhook"
                                + " (POST /v1/webhooks/{tenant}/sms/inbound), which reads the text for STOP and HELP"
                                + " first; post the text there, not as an event"))));
    }
}
