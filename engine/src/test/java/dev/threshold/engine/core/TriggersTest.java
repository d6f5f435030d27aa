package dev.threshold.engine.core;

import static dev.threshold.engine.fixture.Driver.facts;
import static dev.threshold.engine.fixture.Driver.only;
import static dev.threshold.engine.fixture.TestJourneys.ONE_STAGE;
import static dev.threshold.engine.fixture.TestJourneys.journey;
import static dev.threshold.engine.fixture.World.aResident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.event.Event;
import dev.threshold.engine.fixture.Driver;
import dev.threshold.engine.fixture.World;
import dev.threshold.engine.journey.Journey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriggersTest {
    static final Instant T0 = Instant.parse("2027-03-01T19:00:00Z");
    static final ZoneId DENVER = ZoneId.of("America/Denver");
    static final String END = """
            steps:
              - id: hello
                stage: s
                send: { channels: [email], email: { subject: "Hello", body: "Hi {{ contact.first_name }}" } }
            """;

    static World world() {
        return new World().with(aResident("R-1").build());
    }

    @Test
    void an_event_trigger_enters_when_its_condition_holds_and_says_why_not_otherwise() {
        Journey j = journey("""
                id: nps
                name: NPS
                category: custom
                trigger: { event: feedback.submitted, when: "event.topic == 'maintenance'" }
                """ + ONE_STAGE + END);
        Driver d = new Driver(world(), List.of(j));

        List<Effect> amenity = d.event(T0, "R-1", "feedback.submitted", Map.of("score", 3L, "topic", "amenities"));
        List<Effect> repair = d.event(T0, "R-1", "feedback.submitted", Map.of("score", 3L, "topic", "maintenance"));

        assertThat(facts(amenity, Fact.Kind.NOT_ENTERED))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.detail().get("reason").toString()).contains("event.topic == 'maintenance'"));
        assertThat(facts(repair, Fact.Kind.ENTERED)).hasSize(1);
    }

    static Journey renewal() {
        return journey("""
                id: renewal
                name: Renewal
                category: custom
                key: event.subject.lease
                trigger:
                  date: { of: event.end_date, offset: -90d, at: "09:00", events: [lease.signed, lease.updated] }
                """ + ONE_STAGE + END);
    }

    @Test
    void a_date_trigger_plans_the_entry_ninety_days_before_the_lease_ends_at_nine_local() {
        Driver d = new Driver(world(), List.of(renewal()));

        List<Effect> signed =
                d.event(T0, "R-1", "lease.signed", Map.of("lease", "L-1"), Map.of("end_date", "2027-12-31"));

        Timer planned = only(signed, Effect.ScheduleTimer.class).get(0).timer();
        assertThat(planned.kind()).isEqualTo(Timer.Kind.ENTRY_DATE);
        assertThat(planned.due().atZone(DENVER).toString()).startsWith("2027-10-02T09:00-06:00");
        assertThat(facts(d.fire(planned), Fact.Kind.ENTERED)).hasSize(1);
    }

    @Test
    void a_date_trigger_is_replanned_when_the_lease_end_moves_before_it_fires() {
        Driver d = new Driver(world(), List.of(renewal()));
        d.event(T0, "R-1", "lease.signed", Map.of("lease", "L-1"), Map.of("end_date", "2027-12-31"));

        List<Effect> moved = d.event(
                T0.plusSeconds(60), "R-1", "lease.updated", Map.of("lease", "L-1"), Map.of("end_date", "2028-03-31"));

        List<Timer> pending = d.pendingTimers("R-1");
        assertThat(pending)
                .singleElement()
                .satisfies(t -> assertThat(t.due().atZone(DENVER).toString()).startsWith("2028-01-01T09:00-07:00"));
        assertThat(only(moved, Effect.ScheduleTimer.class).get(0).timer().id()).isEqualTo("entry:renewal:R-1:L-1");
    }

    @Test
    void a_date_trigger_whose_moment_passed_enters_at_once_but_not_after_the_date_itself() {
        Driver soon = new Driver(world(), List.of(renewal()));
        Driver late = new Driver(world(), List.of(renewal()));

        List<Effect> shortLease =
                soon.event(T0, "R-1", "lease.signed", Map.of("lease", "L-1"), Map.of("end_date", "2027-04-15"));
        List<Effect> ended =
                late.event(T0, "R-1", "lease.signed", Map.of("lease", "L-1"), Map.of("end_date", "2027-02-15"));

        assertThat(facts(shortLease, Fact.Kind.ENTERED)).hasSize(1);
        assertThat(facts(ended, Fact.Kind.NOT_ENTERED)
                        .get(0)
                        .detail()
                        .get("reason")
                        .toString())
                .contains("has passed");
    }

    static Journey usageDrop() {
        return journey("""
                id: usage-drop
                name: Usage drop
                category: custom
                trigger:
                  absence: { event: portal.login, for: 21d, regular: { count: 3, within: 30d } }
                """ + ONE_STAGE + END);
    }

    @Test
    void an_absence_trigger_enters_after_the_silence_that_follows_regular_use() {
        Driver d = new Driver(world(), List.of(usageDrop()));
        for (int i = 0; i < 4; i++) {
            d.event(T0.plusSeconds(i * 86_400L * 5), "R-1", "portal.login", Map.of());
        }

        List<Timer> watch = d.pendingTimers("R-1");
        assertThat(watch).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Timer.Kind.ENTRY_ABSENCE);
            assertThat(t.due())
                    .isEqualTo(T0.plusSeconds(15 * 86_400L)
                            .atZone(DENVER)
                            .plusDays(21)
                            .toInstant());
        });
        assertThat(facts(d.fire(watch.get(0)), Fact.Kind.ENTERED)).hasSize(1);
    }

    @Test
    void an_absence_trigger_ignores_someone_who_never_used_the_portal_regularly() {
        Driver d = new Driver(world(), List.of(usageDrop()));
        d.event(T0, "R-1", "portal.login", Map.of());

        List<Effect> fired = d.fire(d.pendingTimers("R-1").get(0));

        assertThat(facts(fired, Fact.Kind.NOT_ENTERED)
                        .get(0)
                        .detail()
                        .get("reason")
                        .toString())
                .contains("no regular use");
    }

    @Test
    void a_history_rule_enters_on_the_third_work_order_in_sixty_days_with_a_negative_signal() {
        Journey j = journey("""
                id: churn-risk
                name: Churn risk
                category: custom
                trigger:
                  history:
                    - { event: workorder.overdue, at_least: 3, within: 60d }
                    - { event: feedback.submitted, when: "event.score <= 6", at_least: 1, within: 60d }
                """ + ONE_STAGE + END);
        Driver d = new Driver(world(), List.of(j));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 4L));
        d.event(T0.plusSeconds(86_400), "R-1", "workorder.overdue", Map.of());
        List<Effect> second = d.event(T0.plusSeconds(2 * 86_400), "R-1", "workorder.overdue", Map.of());

        List<Effect> third = d.event(T0.plusSeconds(3 * 86_400), "R-1", "workorder.overdue", Map.of());

        assertThat(facts(second, Fact.Kind.ENTERED)).isEmpty();
        assertThat(facts(third, Fact.Kind.ENTERED)).hasSize(1);
    }

    @Test
    void a_fanout_trigger_turns_one_unit_event_into_an_entry_for_each_matching_prospect() {
        Journey j = journey("""
                id: reactivation
                name: Reactivation
                category: custom
                trigger:
                  fanout:
                    event: workorder.completed
                    roles: [prospect]
                    where: [ { preference: category, value: event.category } ]
                  when: "contact.preferences.category == event.category"
                """ + ONE_STAGE + END);
        World w = new World()
                .with(aResident("P-1")
                        .withRoles("prospect")
                        .preferring("category", "plumbing")
                        .build())
                .with(aResident("P-2")
                        .withRoles("prospect")
                        .preferring("category", "hvac")
                        .build())
                .audience(List.of("P-1", "P-2"));
        Driver d = new Driver(w, List.of(j));
        Event unitEvent = new Event(
                "u1",
                "workorder.completed",
                T0,
                Optional.empty(),
                Optional.of("cedar-ridge"),
                Map.of(),
                Map.of("category", "plumbing"),
                Optional.empty());

        List<Event> addressed = d.engine().fanout(unitEvent, T0, w);

        assertThat(addressed).extracting(e -> e.contact().orElseThrow()).containsExactly("P-1", "P-2");
        assertThat(addressed).allSatisfy(e -> assertThat(e.journey()).contains("reactivation"));
        assertThat(facts(d.deliver(addressed.get(0)), Fact.Kind.ENTERED)).hasSize(1);
        assertThat(facts(d.deliver(addressed.get(1)), Fact.Kind.NOT_ENTERED)).hasSize(1);
    }

    @Test
    void a_handoff_enters_the_target_journey_with_the_source_trigger_fields() {
        Journey source = journey("""
                id: source
                name: Source
                category: custom
                trigger: { event: feedback.submitted }
                """ + ONE_STAGE + """
                steps:
                  - id: pass
                    stage: s
                    handoff: target
                """);
        Journey target = journey("""
                id: target
                name: Target
                category: custom
                trigger: { event: review.posted }
                """ + ONE_STAGE + """
                steps:
                  - id: hello
                    stage: s
                    send: { channels: [email], email: { subject: "Hello from {{ event.from_journey }}", body: "Hi" } }
                """);
        Driver d = new Driver(world(), List.of(source, target));
        Event handoff = only(d.event(T0, "R-1", "feedback.submitted", Map.of("score", 10L)), Effect.EmitEvent.class)
                .get(0)
                .event();

        List<Effect> entered = d.deliver(handoff);

        assertThat(facts(entered, Fact.Kind.ENTERED).get(0).detail().get("via").toString())
                .contains("handoff");
        assertThat(only(entered, Effect.SendMessage.class)
                        .get(0)
                        .content()
                        .values()
                        .iterator()
                        .next()
                        .subject())
                .contains("Hello from source");
        assertThat(handoff.data()).containsEntry("score", 10L).containsEntry("journey", "target");
    }

    @Test
    void a_journey_for_residents_does_not_take_a_prospect() {
        Journey j = journey("""
                id: residents-only
                name: Residents only
                category: custom
                audience: resident
                trigger: { event: feedback.submitted }
                """ + ONE_STAGE + END);
        Driver d = new Driver(
                new World().with(aResident("P-1").withRoles("prospect").build()), List.of(j));

        List<Effect> effects = d.event(T0, "P-1", "feedback.submitted", Map.of("score", 3L));

        assertThat(facts(effects, Fact.Kind.NOT_ENTERED)
                        .get(0)
                        .detail()
                        .get("reason")
                        .toString())
                .contains("for resident");
    }

    @Test
    void a_journey_switched_off_at_the_community_enters_no_one() {
        Journey j = journey("""
                id: switched-off
                name: Switched off
                category: custom
                trigger: { event: feedback.submitted }
                """ + ONE_STAGE + END);
        Driver d = new Driver(world().off("switched-off"), List.of(j));

        List<Effect> effects = d.event(T0, "R-1", "feedback.submitted", Map.of("score", 3L));

        assertThat(facts(effects, Fact.Kind.NOT_ENTERED)
                        .get(0)
                        .detail()
                        .get("reason")
                        .toString())
                .contains("switched off");
    }
}
