package dev.threshold.runtime.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import dev.threshold.engine.time.IsoInstant;
import dev.threshold.runtime.contact.ContactRef;
import dev.threshold.runtime.contact.Identity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks an event envelope (see DESIGN.md, "Events and core types"): every problem is collected
 * with the field it is in, and the data is checked against the type's schema in {@code schema/events}.
 */
final class EnvelopeReader {
    static final int MAX_KEY = 200;
    static final int MAX_BYTES = 256 * 1024;
    private static final Set<String> FIELDS =
            Set.of("id", "type", "occurred_at", "contact", "community", "subject", "data");

    private final EventCatalog catalog;

    EnvelopeReader(EventCatalog catalog) {
        this.catalog = catalog;
    }

    /** An envelope that passed every check. */
    record Parsed(
            String id,
            String type,
            Instant occurredAt,
            Optional<ContactRef> contact,
            Optional<String> community,
            Map<String, String> subject,
            Map<String, Object> data) {}

    /** The parsed envelope, or the problems that stop it. */
    record Read(Optional<Parsed> parsed, String id, List<IngestProblem> problems) {}

    Read read(JsonNode node) {
        List<IngestProblem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add(new IngestProblem("(event)", "expected a JSON object"));
            return new Read(Optional.empty(), "", problems);
        }
        String id = node.path("id").isTextual() ? node.path("id").asText() : "";
        int size = node.toString().length();
        if (size > MAX_BYTES) {
            problems.add(new IngestProblem("(event)", "is " + size + " bytes; at most " + MAX_BYTES + " are accepted"));
            return new Read(Optional.empty(), id, problems);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new IngestProblem(
                        name, "is not an envelope field; expected one of " + FIELDS + " (event fields go under data)"));
            }
        }
        if (!node.path("id").isTextual() || id.isBlank()) {
            problems.add(new IngestProblem("id", "required: a non-empty string, the idempotency key"));
        } else if (id.length() > MAX_KEY) {
            problems.add(new IngestProblem("id", "is " + id.length() + " characters; at most " + MAX_KEY));
        }
        String type = node.path("type").asText("");
        Optional<EventType> eventType = catalog.find(type);
        if (type.isEmpty()) {
            problems.add(new IngestProblem("type", "required: an event type such as feedback.submitted"));
        } else if (eventType.isEmpty()) {
            problems.add(new IngestProblem("type", "'" + type + "' is not in the event vocabulary"));
        }
        Instant at = occurredAt(node.path("occurred_at"), problems);
        Optional<ContactRef> contact = contact(node.path("contact"), problems);
        Optional<String> community = optionalText(node, "community", problems);
        Map<String, String> subject = subject(node.path("subject"), problems);
        JsonNode data = node.has("data")
                ? node.path("data")
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (!data.isObject()) {
            problems.add(new IngestProblem("data", "expected an object"));
        } else if (eventType.isPresent()) {
            eventType.get().validate(data).forEach(p -> problems.add(new IngestProblem(p.field(), p.message())));
        }
        if (!problems.isEmpty()) {
            return new Read(Optional.empty(), id, problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = StateJson.mapper().convertValue(data, LinkedHashMap.class);
        return new Read(Optional.of(new Parsed(id, type, at, contact, community, subject, fields)), id, problems);
    }

    private static Instant occurredAt(JsonNode node, List<IngestProblem> problems) {
        if (!node.isTextual()) {
            problems.add(new IngestProblem(
                    "occurred_at", "required: a date-time with offset, e.g. 2027-03-02T09:00:00-07:00"));
            return Instant.EPOCH;
        }
        try {
            return IsoInstant.parse(node.asText());
        } catch (DateTimeParseException e) {
            problems.add(new IngestProblem(
                    "occurred_at",
                    "'" + node.asText() + "' is not a date-time with offset, e.g. 2027-03-02T09:00:00-07:00"));
            return Instant.EPOCH;
        }
    }

    private static Optional<ContactRef> contact(JsonNode node, List<IngestProblem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                problems.add(new IngestProblem("contact", "an empty contact id names no one"));
                return Optional.empty();
            }
            return Optional.of(ContactRef.ofId(node.asText()));
        }
        if (!node.isObject()) {
            problems.add(new IngestProblem(
                    "contact", "expected a contact id or an object with id, external_id, email or phone"));
            return Optional.empty();
        }
        Optional<String> id = optionalText(node, "id", problems, "contact.");
        Optional<Identity> external =
                optionalText(node, "external_id", problems, "contact.").map(Identity::external);
        Optional<Identity> email = Optional.empty();
        Optional<String> emailText = optionalText(node, "email", problems, "contact.");
        if (emailText.isPresent()) {
            if (!emailText.get().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.add(new IngestProblem("contact.email", "'" + emailText.get() + "' is not an email address"));
            } else {
                email = Optional.of(Identity.email(emailText.get(), true));
            }
        }
        Optional<Identity> phone = Optional.empty();
        Optional<String> phoneText = optionalText(node, "phone", problems, "contact.");
        if (phoneText.isPresent()) {
            if (!phoneText.get().matches("\\+?[0-9 ()./-]{7,20}")) {
                problems.add(new IngestProblem("contact.phone", "'" + phoneText.get() + "' is not a phone number"));
            } else {
                phone = Optional.of(Identity.phone(phoneText.get(), true));
            }
        }
        if (id.isEmpty() && external.isEmpty() && email.isEmpty() && phone.isEmpty()) {
            if (problems.stream().noneMatch(p -> p.field().startsWith("contact"))) {
                problems.add(new IngestProblem("contact", "names no one: give id, external_id, email or phone"));
            }
            return Optional.empty();
        }
        return Optional.of(new ContactRef(id, external, email, phone));
    }

    private static Optional<String> optionalText(JsonNode node, String field, List<IngestProblem> problems) {
        return optionalText(node, field, problems, "");
    }

    private static Optional<String> optionalText(
            JsonNode node, String field, List<IngestProblem> problems, String prefix) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new IngestProblem(prefix + field, "expected a non-empty string"));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private static Map<String, String> subject(JsonNode node, List<IngestProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(new IngestProblem("subject", "expected an object such as {\"work_order\": \"WO-5531\"}"));
            return out;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() || e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(new IngestProblem("subject." + e.getKey(), "expected a string id"));
            }
        });
        return out;
    }
}
