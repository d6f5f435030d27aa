package dev.threshold.domain.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The event vocabulary covers the journey catalogue, and every schema is documented and typed. */
class EventVocabularyTest {
    /** Every event the 28 journeys of the catalogue name, or need to reach their goals. */
    static final List<String> CATALOGUE = List.of(
            "lead.created",
            "tour.booked",
            "profile.created",
            "profile.updated",
            "application.started",
            "application.submitted",
            "form.submitted",
            "guestcard.qualified",
            "unit.available",
            "event.attended",
            "tour.completed",
            "tour.rescheduled",
            "tour.cancelled",
            "tour.no_show",
            "lease.signed",
            "lease.updated",
            "movein.completed",
            "checkin.answered",
            "resident.created",
            "portal.activated",
            "payment_method.added",
            "rent.charged",
            "payment.made",
            "autopay.enrolled",
            "client.signed",
            "client.milestone_completed",
            "client.launched",
            "hoa_member.added",
            "hoa_dues.paid",
            "workorder.created",
            "workorder.overdue",
            "workorder.completed",
            "feedback.submitted",
            "sms.replied",
            "renewal.offered",
            "renewal.signed",
            "renewal.declined",
            "review.posted",
            "portal.login",
            "notice.given",
            "notice.rescinded",
            "transfer.signed",
            "offer.accepted",
            "offer.declined",
            "owner.property_added",
            "tier.upgraded",
            "addon.purchased",
            "referral.submitted",
            "moveout.completed");

    static final ObjectMapper JSON = new ObjectMapper();

    static Path eventsFolder() {
        return Path.of(System.getProperty("threshold.root", ".."), "schema", "events");
    }

    @Test
    void every_event_the_catalogue_needs_has_a_schema() {
        assertThat(EventCatalog.builtIn().names()).containsAll(CATALOGUE);
    }

    @Test
    void every_schema_describes_the_event_its_subjects_and_each_field_with_a_type() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(eventsFolder())) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                JsonNode s = JSON.readTree(f.toFile());
                if (!name.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*")) {
                    problems.add(name + ": not <thing>.<what happened> in lower case");
                }
                if (!s.path("title").asText().equals(name)) {
                    problems.add(name + ": title is not the event's name");
                }
                if (s.path("description").asText().isBlank()) {
                    problems.add(name + ": no description");
                }
                if (!s.path("x-subjects").isArray()) {
                    problems.add(name + ": no x-subjects list");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                s.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (p.getValue().path("description").asText().isBlank()) {
                        problems.add(name + "." + p.getKey() + ": no description");
                    }
                    if (!p.getValue().has("type")) {
                        problems.add(name + "." + p.getKey() + ": no type");
                    }
                }
                for (JsonNode r : s.path("required")) {
                    if (!s.path("properties").has(r.asText())) {
                        problems.add(name + ": requires '" + r.asText() + "', which it does not define");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void a_unit_available_event_must_say_which_unit_how_big_how_much_and_from_when() {
        EventType type = EventCatalog.builtIn().find("unit.available").orElseThrow();

        List<EventType.DataProblem> missing =
                type.validate(JSON.createObjectNode().put("unit", "104"));
        List<EventType.DataProblem> wrongType = type.validate(JSON.createObjectNode()
                .put("unit", "104")
                .put("bedrooms", "two")
                .put("market_rent", 1465)
                .put("available_on", "2027-04-01"));

        assertThat(missing)
                .extracting(EventType.DataProblem::message)
                .anySatisfy(m -> assertThat(m).contains("bedrooms"))
                .anySatisfy(m -> assertThat(m).contains("market_rent"))
                .anySatisfy(m -> assertThat(m).contains("available_on"));
        assertThat(wrongType).extracting(EventType.DataProblem::field).containsExactly("data.bedrooms");
    }

    @Test
    void numbers_and_flags_are_typed_so_conditions_are_checked_at_load_time() {
        EventType payment = EventCatalog.builtIn().find("payment.made").orElseThrow();
        EventType moveIn = EventCatalog.builtIn().find("movein.completed").orElseThrow();

        assertThat(payment.dataShape().field("amount")).hasValue(dev.threshold.engine.expr.FieldType.DOUBLE);
        assertThat(payment.dataShape().field("online")).hasValue(dev.threshold.engine.expr.FieldType.BOOL);
        assertThat(moveIn.dataShape().field("vehicles")).hasValue(dev.threshold.engine.expr.FieldType.INT);
    }
}
