package dev.threshold.engine.core;

import static dev.threshold.engine.fixture.Driver.facts;
import static dev.threshold.engine.fixture.Driver.only;
import static dev.threshold.engine.fixture.TestJourneys.ONE_STAGE;
import static dev.threshold.engine.fixture.TestJourneys.journey;
import static dev.threshold.engine.fixture.World.aResident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.fixture.Driver;
import dev.threshold.engine.fixture.World;
import dev.threshold.engine.journey.Journey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {
    static final Instant T0 = Instant.parse("2027-03-01T19:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    static Journey waiting(String reentry) {
        return journey("""
                id: j
                name: J
                category: custom
                trigger: { event: feedback.submitted }
                entry: { reentry: "%s" }
                """.formatted(reentry) + ONE_STAGE + """
                steps:
                  - id: pause
                    stage: s
                    wait: 10d
                  - id: bye
                    exit: done
                """);
    }

    static World world() {
        return new World().with(aResident("R-1").build());
    }

    @ParameterizedTest(name = "{0}: second trigger while running enters={1}, third after it ended enters={2}")
    @CsvSource({
        "once, false, false",
        "when-done, false, true",
        "after 30d, false, false",
        "after 5d, false, true",
        "always, true, true"
    })
    void entry_rules_decide_who_may_enter_again(String rule, boolean whileRunning, boolean afterEnd) {
        Driver d = new Driver(world(), List.of(waiting(rule)));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 1L));

        List<Effect> second = d.event(T0.plus(DAY), "R-1", "feedback.submitted", Map.of("score", 2L));
        d.fire(d.pendingTimers("R-1").stream()
                .min(java.util.Comparator.comparing(Timer::due))
                .orElseThrow());
        List<Effect> third = d.event(T0.plus(DAY.multipliedBy(12)), "R-1", "feedback.submitted", Map.of("score", 3L));

        assertThat(facts(second, Fact.Kind.ENTERED)).hasSize(whileRunning ? 1 : 0);
        assertThat(facts(third, Fact.Kind.ENTERED)).hasSize(afterEnd ? 1 : 0);
        if (!afterEnd) {
            assertThat(facts(third, Fact.Kind.NOT_ENTERED)).isNotEmpty();
        }
    }

    @Test
    void a_journey_keyed_by_work_order_runs_once_per_work_order_and_hears_only_its_own() {
        Journey j = journey("""
                id: wo
                name: Work order follow-up
                category: custom
                key: event.subject.work_order
                trigger: { event: workorder.overdue }
                goal: { event: workorder.completed }
                """ + ONE_STAGE + """
                steps:
                  - id: sorry
                    stage: s
                    send: { channels: [email], email: { subject: "Update on {{ instance.key }}", body: "We are on it" } }
                  - id: pause
                    wait: 7d
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(T0, "R-1", "workorder.overdue", Map.of("work_order", "WO-1"), Map.of());
        d.event(T0, "R-1", "workorder.overdue", Map.of("work_order", "WO-2"), Map.of());
        assertThat(d.state("R-1").instances()).extracting(InstanceState::key).containsExactly("WO-1", "WO-2");

        List<Effect> done = d.event(T0.plus(DAY), "R-1", "workorder.completed", Map.of("work_order", "WO-2"), Map.of());

        assertThat(facts(done, Fact.Kind.GOAL)).extracting(Fact::instance).containsExactly("wo:R-1:WO-2:1");
        assertThat(d.state("R-1").instances()).extracting(InstanceState::key).containsExactly("WO-1");
    }

    static Journey withGoalWindow() {
        return journey("""
                id: g
                name: Goal window
                category: custom
                trigger: { event: feedback.submitted }
                goal: { event: review.posted, within: 14d, value: "event.rating * 10.0" }
                """ + ONE_STAGE + """
                steps:
                  - id: ask
                    stage: s
                    send: { channels: [email], email: { subject: "Review?", body: "Please" } }
                """);
    }

    @Test
    void after_its_steps_an_instance_waits_for_the_goal_until_the_window_closes() {
        Driver d = new Driver(world(), List.of(withGoalWindow()));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 10L));
        assertThat(d.instance("R-1").status()).isEqualTo(Status.AWAITING_GOAL);

        List<Effect> closed = d.fireNext("R-1");

        assertThat(facts(closed, Fact.Kind.ENDED).get(0).detail()).containsEntry("reason", "goal window closed");
        List<Effect> late = d.event(T0.plus(DAY.multipliedBy(20)), "R-1", "review.posted", Map.of("rating", 5.0));
        assertThat(facts(late, Fact.Kind.GOAL)).isEmpty();
    }

    @Test
    void a_goal_inside_its_window_counts_with_its_value() {
        Driver d = new Driver(world(), List.of(withGoalWindow()));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 10L));

        List<Effect> reached = d.event(T0.plus(DAY.multipliedBy(3)), "R-1", "review.posted", Map.of("rating", 4.5));

        assertThat(facts(reached, Fact.Kind.GOAL).get(0).detail()).containsEntry("value", 45.0);
        assertThat(only(reached, Effect.CancelTimer.class)).isNotEmpty();
        assertThat(d.running("R-1")).isEmpty();
    }

    @Test
    void an_exit_event_ends_the_journey_closes_its_tasks_and_names_the_barrier() {
        Journey j = journey("""
                id: x
                name: X
                category: custom
                trigger: { event: feedback.submitted }
                exit: [ { event: moveout.completed, barrier: opted out } ]
                """ + ONE_STAGE + """
                steps:
                  - id: call
                    stage: s
                    task: { role: community-manager, title: "Call" }
                  - id: pause
                    wait: 7d
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 2L));

        List<Effect> out = d.event(T0.plus(DAY), "R-1", "moveout.completed", Map.of());

        assertThat(only(out, Effect.CloseTask.class)).hasSize(1);
        assertThat(facts(out, Fact.Kind.STAGE_LEFT).get(0).detail()).containsEntry("barrier", "opted out");
        assertThat(only(out, Effect.CancelTimer.class)).isNotEmpty();
    }

    static Journey outreach(String takeover) {
        return journey("""
                id: lead
                name: Lead
                category: custom
                trigger: { event: feedback.submitted }
                takeover: %s
                """.formatted(takeover) + ONE_STAGE + """
                steps:
                  - id: pause
                    stage: s
                    wait: 1d
                  - id: follow-up
                    send: { channels: [email], email: { subject: "Following up", body: "Hi" } }
                """);
    }

    @Test
    void when_an_agent_takes_over_the_outreach_pauses_and_resumes_with_what_fell_due_meanwhile() {
        Driver d = new Driver(world(), List.of(outreach("pause")));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 5L));
        String id = d.instance("R-1").id();
        d.command(T0.plusSeconds(60), "R-1", Input.Command.Kind.TAKEOVER, id);

        List<Effect> whilePaused = d.fireNext("R-1");
        List<Effect> resumed = d.command(T0.plus(DAY.multipliedBy(2)), "R-1", Input.Command.Kind.RESUME, id);

        assertThat(only(whilePaused, Effect.SendMessage.class)).isEmpty();
        assertThat(only(resumed, Effect.SendMessage.class))
                .extracting(Effect.SendMessage::step)
                .containsExactly("follow-up");
    }

    @Test
    void a_journey_set_to_end_on_takeover_ends_when_an_agent_claims_the_person() {
        Driver d = new Driver(world(), List.of(outreach("end")));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 5L));

        List<Effect> out = d.command(
                T0.plusSeconds(60),
                "R-1",
                Input.Command.Kind.TAKEOVER,
                d.instance("R-1").id());

        assertThat(facts(out, Fact.Kind.EXITED).get(0).detail().get("reason").toString())
                .contains("taken over by maya");
        assertThat(d.running("R-1")).isEmpty();
    }

    @Test
    void a_running_instance_stays_on_its_version_and_moves_only_by_an_explicit_mapping() {
        Journey v1 = outreach("pause");
        Driver d = new Driver(world(), List.of(v1));
        d.event(T0, "R-1", "feedback.submitted", Map.of("score", 5L));
        InstanceState running = d.instance("R-1");
        Journey v2 = journey("""
                id: lead
                name: Lead
                version: 2
                category: custom
                trigger: { event: feedback.submitted }
                """ + ONE_STAGE + """
                steps:
                  - id: wait-a-day
                    stage: s
                    wait: 1d
                  - id: follow-up-v2
                    send: { channels: [email], email: { subject: "Version two", body: "Hi" } }
                migrations:
                  - { from: 1, steps: { pause: wait-a-day } }
                """);
        Engine both = new Engine(
                dev.threshold.engine.journey.JourneyLibrary.of(List.of(v1, v2)),
                dev.threshold.engine.action.ActionRegistry.empty());

        Decision unmigrated =
                both.decide(running, new Input.TimerFired(running.timers().get(0)), T0.plus(DAY), d.world);
        Decision migrated = both.migrate(running, v2, T0.plusSeconds(10)).orElseThrow();
        Decision after = both.decide(
                migrated.next(), new Input.TimerFired(migrated.next().timers().get(0)), T0.plus(DAY), d.world);

        assertThat(only(unmigrated.effects(), Effect.SendMessage.class))
                .extracting(Effect.SendMessage::step)
                .containsExactly("follow-up");
        assertThat(migrated.next().version()).isEqualTo(2);
        assertThat(migrated.next().step()).isEqualTo("wait-a-day");
        assertThat(only(after.effects(), Effect.SendMessage.class))
                .extracting(Effect.SendMessage::step)
                .containsExactly("follow-up-v2");
    }

    static Journey abTest() {
        return journey("""
                id: ab
                name: AB
                category: custom
                trigger: { event: feedback.submitted }
                goal: { event: review.posted, within: 14d }
                """ + ONE_STAGE + """
                steps:
                  - id: test
                    stage: s
                    split:
                      holdout: 10
                      variants:
                        - { id: short, weight: 1, goto: short }
                        - { id: long, weight: 3, goto: long }
                  - id: short
                    send: { channels: [email], email: { subject: "Short", body: "Hi" } }
                    next: end
                  - id: long
                    send: { channels: [email], email: { subject: "Long", body: "Hello there" } }
                  - id: end
                    wait: 1d
                """);
    }

    @Test
    void a_split_puts_a_person_in_the_same_variant_every_time_and_in_proportion_to_the_weights() {
        Journey j = abTest();
        Map<String, Integer> counts = new HashMap<>();
        World w = new World();
        for (int i = 0; i < 4000; i++) {
            w.with(aResident("R-" + i).build());
        }
        Driver d = new Driver(w, List.of(j));
        Driver again = new Driver(w, List.of(j));
        for (int i = 0; i < 4000; i++) {
            List<Effect> first = d.event(T0, "R-" + i, "feedback.submitted", Map.of("score", 9L));
            List<Effect> second = again.event(T0, "R-" + i, "feedback.submitted", Map.of("score", 9L));
            String variant =
                    facts(first, Fact.Kind.SPLIT).get(0).detail().get("variant").toString();
            assertThat(facts(second, Fact.Kind.SPLIT).get(0).detail()).containsEntry("variant", variant);
            counts.merge(variant, 1, Integer::sum);
        }

        assertThat(counts.get("holdout") / 4000.0).isBetween(0.08, 0.12);
        assertThat(counts.get("long") / (double) counts.get("short")).isBetween(2.6, 3.4);
    }

    @Test
    void the_holdout_gets_no_message_but_is_still_watched_for_the_goal() {
        Journey j = abTest();
        World w = new World();
        String holdout = null;
        for (int i = 0; holdout == null; i++) {
            w.with(aResident("H-" + i).build());
            Driver probe = new Driver(w, List.of(j));
            List<Effect> e = probe.event(T0, "H-" + i, "feedback.submitted", Map.of("score", 9L));
            if (facts(e, Fact.Kind.SPLIT).get(0).detail().get("variant").equals("holdout")) {
                holdout = "H-" + i;
            }
        }
        Driver d = new Driver(w, List.of(j));

        List<Effect> entered = d.event(T0, holdout, "feedback.submitted", Map.of("score", 9L));
        List<Effect> goal = d.event(T0.plus(DAY), holdout, "review.posted", Map.of("rating", 5.0));

        assertThat(only(entered, Effect.SendMessage.class)).isEmpty();
        assertThat(facts(goal, Fact.Kind.GOAL).get(0).detail()).containsEntry("variant", "holdout");
    }
}
