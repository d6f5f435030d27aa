package dev.threshold.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.fixture.Driver;
import dev.threshold.engine.fixture.World;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.JourneyLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The core is a function: the same inputs give the same effects and states, and replaying an instance's
 * inputs from its start rebuilds its state exactly. Checked over random stories on the bundled journeys.
 */
class DeterminismProperties {
    static final Instant T0 = Instant.parse("2027-03-01T15:00:00Z");
    static final List<Journey> LIBRARY = new JourneyLoader(EventCatalog.builtIn(), ActionRegistry.empty())
            .loadAll(List.of(Path.of(System.getProperty("threshold.root"), "journeys")), java.util.Set.of())
            .library()
            .latest();

    /** One step of a story: an event after some minutes, or "fire the next timer". */
    record Step(String kind, long minutes, long score) {}

    @Property(tries = 200)
    void the_same_story_gives_the_same_effects_and_states(@ForAll("stories") List<Step> story) {
        List<String> first = tell(story);
        List<String> second = tell(story);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 200)
    void replaying_an_instances_inputs_rebuilds_its_state(@ForAll("stories") List<Step> story) {
        Recorded run = record(story);
        Engine engine = new Engine(JourneyLibrary.of(LIBRARY), ActionRegistry.empty());
        ContactJourneys replayed = ContactJourneys.empty("R-1");
        for (Map.Entry<Input, Instant> input : run.inputs()) {
            replayed = engine.process(replayed, input.getKey(), input.getValue(), run.world())
                    .next();
        }

        assertThat(StateJson.write(replayed)).isEqualTo(StateJson.write(run.finalState()));
    }

    record Recorded(List<Map.Entry<Input, Instant>> inputs, ContactJourneys finalState, World world) {}

    private List<String> tell(List<Step> story) {
        Recorded r = record(story);
        List<String> out = new ArrayList<>();
        r.inputs().forEach(i -> out.add(i.getValue() + " " + i.getKey()));
        out.add(StateJson.write(r.finalState()));
        return out;
    }

    private Recorded record(List<Step> story) {
        World world = new World().with(World.aResident("R-1").build());
        List<Map.Entry<Input, Instant>> inputs = new ArrayList<>();
        Driver d = new Driver(world, LIBRARY);
        Instant now = T0;
        int n = 0;
        for (Step s : story) {
            now = now.plusSeconds(s.minutes() * 60);
            Input input;
            if (s.kind().equals("timer")) {
                List<Timer> pending = d.pendingTimers("R-1");
                if (pending.isEmpty()) {
                    continue;
                }
                Timer next = pending.stream()
                        .min(java.util.Comparator.comparing(Timer::due))
                        .orElseThrow();
                now = next.due().isAfter(now) ? next.due() : now;
                input = new Input.TimerFired(next);
                d.fireAt(next, now);
            } else {
                Map<String, Object> data = s.kind().equals("feedback.submitted")
                        ? Map.of("score", s.score(), "topic", "maintenance")
                        : s.kind().equals("review.posted") ? Map.of("rating", 5.0) : Map.of();
                var event = new dev.threshold.engine.event.Event(
                        "e" + (++n),
                        s.kind(),
                        now,
                        java.util.Optional.of("R-1"),
                        java.util.Optional.of("cedar-ridge"),
                        Map.of(),
                        data,
                        java.util.Optional.empty());
                world.record(event);
                input = new Input.EventReceived(event);
                d.apply("R-1", input, now);
            }
            inputs.add(Map.entry(input, now));
        }
        return new Recorded(inputs, d.state("R-1"), world);
    }

    @Provide
    Arbitrary<List<Step>> stories() {
        Arbitrary<String> kinds = Arbitraries.of(
                "feedback.submitted",
                "timer",
                "timer",
                "review.posted",
                "renewal.signed",
                "referral.submitted",
                "task.completed",
                "moveout.completed");
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(
                        kinds,
                        Arbitraries.longs().between(0, 60 * 24 * 5),
                        Arbitraries.longs().between(0, 10))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }
}
