package dev.threshold.runtime.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.Simulator;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import dev.threshold.runtime.support.DurableScenario;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever events one contact sends, in whatever order and at whatever pace (so that timers fall due between,
 * before and after them), the durable runtime ends where the simulator ends: the same running instances, the
 * same entry records, the same messages sent.
 */
class DurableMatchesSimulatorPropertyTest {
    private static final JourneyLibrary LIBRARY = Library.loadFixture();
    private static final Instant START = Instant.parse("2027-03-01T16:00:00Z");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static Store store;
    private static Path folder;

    /** One generated event: its kind and the seconds since the previous one. */
    record Step(int kind, int score, long gapSeconds) {}

    @Provide
    Arbitrary<List<Step>> stories() {
        // gaps of whole minutes plus 17 s never line up with the journeys' whole-hour timers
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.longs().between(0, 60 * 24 * 20))
                .as((kind, score, minutes) -> new Step(kind, score, minutes * 60 + 17));
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 60)
    void any_interleaving_of_events_and_timers_ends_in_the_simulators_state(@ForAll("stories") List<Step> story)
            throws Exception {
        int n = TRIES.incrementAndGet();
        String tenant = "p" + n;
        Scenario scenario = scenario(tenant, story);
        Simulator.Simulation simulated =
                new Simulator(new Engine(LIBRARY, Library.actions()), Guardrails.defaults()).run(scenario);

        SettableClock clock = new SettableClock(START);
        RecordingChannel channel = new RecordingChannel();
        ThresholdRuntime rt = ThresholdRuntime.builder(store(), clock)
                .actions(dev.threshold.runtime.support.Library.actions())
                .channel(channel)
                .build();
        rt.journeys().publishAll(tenant, Library.fixtureFolder());
        DurableScenario.prepare(rt, tenant, scenario, LIBRARY.latest());
        DurableScenario.play(rt, tenant, scenario, clock);

        ContactJourneys durable = DurableScenario.journeys(rt, tenant, scenario).get("R-1");
        ContactJourneys expected = simulated.journeys().getOrDefault("R-1", ContactJourneys.empty("R-1"));
        assertThat(durable.instances()).isEqualTo(expected.instances());
        assertThat(new HashSet<>(durable.entries())).isEqualTo(new HashSet<>(expected.entries()));
        Set<String> sent = new TreeSet<>();
        simulated.lines().stream()
                .filter(l -> l.type().equals("message"))
                .forEach(l -> sent.add((String) l.fields().get("key")));
        assertThat(new TreeSet<>(channel.delivered().keySet())).isEqualTo(sent);
    }

    private static Scenario scenario(String tenant, List<Step> story) {
        List<Scenario.Timed> inputs = new ArrayList<>();
        Instant at = START;
        int i = 0;
        for (Step s : story) {
            at = at.plusSeconds(s.gapSeconds());
            inputs.add(new Scenario.TimedEvent(at, event(tenant + "-" + i++, s, at), i));
        }
        ContactView dana = new ContactView(
                "R-1",
                Set.of("resident"),
                "Dana",
                "Reyes",
                Optional.of(ZoneId.of("America/Denver")),
                "en",
                Optional.of("cedar-ridge"),
                Optional.of("CO"),
                Map.of(Channel.EMAIL, "dana@example.com", Channel.SMS, "+13035550101"),
                Map.of(
                        Channel.EMAIL,
                        Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING),
                        Channel.SMS,
                        Set.of(Purpose.TRANSACTIONAL)),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
        return new Scenario(
                tenant,
                tenant + ".yaml",
                START,
                at.plus(java.time.Duration.ofDays(90)),
                Optional.empty(),
                Map.of(),
                List.of(CommunityView.minimal("cedar-ridge", ZoneId.of("America/Denver"))),
                List.of(dana),
                Map.of(),
                JsonNodeFactory.instance.objectNode(),
                inputs,
                List.of(),
                dev.threshold.engine.journey.Overrides.none());
    }

    private static Event event(String id, Step s, Instant at) {
        Map<String, Object> data = switch (s.kind()) {
            case 0 -> Map.of("score", (long) s.score(), "topic", "maintenance");
            case 1 -> Map.of("score", (long) s.score(), "topic", "amenities");
            case 2 -> Map.of("step", "detractor-call", "outcome", "resolved");
            case 3 -> Map.of("site", "google");
            case 4 -> Map.of("reason", "relocation");
            case 5 -> Map.of("term_months", 12L);
            default -> Map.of("referral_code", "R-1");
        };
        String type = switch (s.kind()) {
            case 0, 1 -> "feedback.submitted";
            case 2 -> "task.completed";
            case 3 -> "review.posted";
            case 4 -> "moveout.completed";
            case 5 -> "renewal.signed";
            default -> "referral.submitted";
        };
        return new Event(
                id, type, at, Optional.of("R-1"), Optional.of("cedar-ridge"), Map.of(), data, Optional.empty());
    }

    private static synchronized Store store() throws Exception {
        if (store == null) {
            folder = Files.createTempDirectory("threshold-properties");
            store = Stores.open(StoreConfig.sqlite(folder.resolve("p.db")));
        }
        return store;
    }

    @AfterContainer
    static void close() throws Exception {
        if (store != null) {
            store.close();
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
