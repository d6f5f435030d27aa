package dev.threshold.engine.sim;

import static dev.threshold.engine.fixture.TestJourneys.ONE_STAGE;
import static dev.threshold.engine.fixture.TestJourneys.journey;
import static dev.threshold.engine.fixture.World.aResident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** People who appear, and whose records change, as a story goes: the simulator's world follows the imports. */
class SimulatorContactsTest {
    static final Instant T0 = Instant.parse("2027-03-01T17:00:00Z");

    static final Simulator SIMULATOR = new Simulator(
            new Engine(JourneyLibrary.of(List.of(journey("""
                            id: residents-only
                            name: Residents only
                            category: custom
                            audience: resident
                            trigger: { event: feedback.submitted }
                            entry: { reentry: always }
                            """ + ONE_STAGE + """
                            steps:
                              - id: hello
                                stage: s
                                send: { channels: [sms, email], sms: "Hi {{ contact.first_name }}", email: { subject: "Hello", body: "Hi {{ contact.first_name }}" } }
                            """))), ActionRegistry.empty()),
            Guardrails.defaults());

    @Test
    void a_person_who_appears_mid_story_is_known_from_then_on_and_a_new_role_lets_them_in() {
        ContactView prospect =
                aResident("A-1").named("Ana").withRoles("prospect").build();
        ContactView resident =
                aResident("A-1").named("Ana").withRoles("resident").build();
        Scenario story = story(List.of(
                new Scenario.TimedEvent(T0, feedback("e0", "A-1", T0), 1),
                new Scenario.TimedContact(T0.plusSeconds(3600), prospect, 2),
                new Scenario.TimedEvent(T0.plusSeconds(3600), feedback("e1", "A-1", T0.plusSeconds(3600)), 3),
                new Scenario.TimedContact(T0.plusSeconds(7200), resident, 4),
                new Scenario.TimedEvent(T0.plusSeconds(7200), feedback("e2", "A-1", T0.plusSeconds(7200)), 5)));

        Simulator.Simulation run = SIMULATOR.run(story);

        assertThat(run.world().contact("A-1").map(ContactView::roles)).contains(java.util.Set.of("resident"));
        List<SimLine> lines = run.lines().stream()
                .filter(l -> l.type().equals("entered") || l.type().equals("not-entered"))
                .toList();
        assertThat(lines)
                .extracting(SimLine::at, SimLine::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, "not-entered"), // nobody by that id yet
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(3600), "not-entered"),
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(7200), "entered"));
        assertThat(lines.get(1).fields().get("reason").toString()).contains("for resident");
        assertThat(run.lines())
                .filteredOn(l -> l.type().equals("message"))
                .singleElement()
                .satisfies(m ->
                        assertThat(m.fields()).containsEntry("channel", "sms").containsEntry("body", "Hi Ana"));
    }

    @Test
    void a_new_record_keeps_what_only_the_runtime_knows_as_a_stop_text() {
        ContactView dana = aResident("R-1").build();
        Instant stop = T0.plusSeconds(60);
        Instant later = T0.plusSeconds(3600);
        Scenario story = story(List.of(
                new Scenario.TimedContact(T0, dana, 1),
                new Scenario.TimedEvent(stop, Event.of("s1", "sms.received", stop, "R-1", Map.of("body", "STOP")), 2),
                // the property-management system sends the same record again, roles changed, phone still there
                new Scenario.TimedContact(
                        later, aResident("R-1").withRoles("resident", "owner").build(), 3),
                new Scenario.TimedEvent(later, feedback("e1", "R-1", later), 4)));

        Simulator.Simulation run = SIMULATOR.run(story);

        ContactView now = run.world().contact("R-1").orElseThrow();
        assertThat(now.roles()).containsExactlyInAnyOrder("resident", "owner");
        assertThat(now.suppressed()).containsExactly(Channel.SMS);
        assertThat(run.lines())
                .filteredOn(l -> l.type().equals("message") && "hello".equals(l.step()))
                .singleElement()
                .satisfies(m -> assertThat(m.fields()).containsEntry("channel", "email"));
    }

    private static Event feedback(String id, String contact, Instant at) {
        return Event.of(id, "feedback.submitted", at, contact, Map.of("score", 3L));
    }

    private static Scenario story(List<Scenario.Timed> inputs) {
        return new Scenario(
                "contacts",
                "contacts.yaml",
                T0.minusSeconds(1),
                T0.plusSeconds(86_400),
                Optional.empty(),
                Map.of(),
                List.of(CommunityView.minimal("cedar-ridge", ZoneId.of("America/Denver"))),
                List.of(),
                Map.of(),
                JsonNodeFactory.instance.objectNode(),
                inputs,
                List.of(),
                Overrides.none());
    }
}
