package dev.threshold.bench;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import dev.threshold.engine.core.Decision;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.core.InstanceState;
import dev.threshold.engine.core.Outcome;
import dev.threshold.engine.core.Timer;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code decide} on a ten-step journey (branch, sends with templates, a task with escalation, an update, waits
 * and a wait-for): the cost of one decision as the durable runtime pays it, without I/O.
 *
 * <ul>
 *   <li>{@code enterAndRunToFirstWait}: an event enters the journey and runs four steps to its first wait.</li>
 *   <li>{@code timerFires}: a waiting instance's timer fires and it runs to the next wait (two sends, a task,
 *       an update).</li>
 *   <li>{@code eventPassesBy}: an event the waiting instance does not react to (the common case).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow"})
public class DecideBenchmark {

    static final String JOURNEY = """
            id: ten-steps
            name: Ten steps
            category: custom
            trigger: { event: feedback.submitted }
            goal: { event: review.posted, within: 30d }
            exit: [ { event: moveout.completed } ]
            settings: { follow_up: 2d }
            map:
              stages:
                - { id: heard, action: rates, emotions: mixed, questions: [], barriers: [no answer] }
                - { id: helped, action: is helped, emotions: relieved, questions: [], barriers: [no answer] }
            steps:
              - id: route
                stage: heard
                branch:
                  - { when: "event.score <= 6 && event.topic == 'maintenance'", goto: sorry }
                  - { goto: thanks }
              - id: sorry
                send:
                  channels: [sms, email]
                  purpose: transactional
                  sms: "Hi {{ contact.first_name }}, sorry about the {{ event.topic }}. {{ agent.first_name }} will call."
                  email: { subject: "Sorry, {{ contact.first_name }}", body: "We will call you about your {{ event.score }}/10." }
              - id: pause
                wait: settings.follow_up
              - id: check-in
                stage: helped
                send:
                  channels: [email]
                  email: { subject: "Better now, {{ contact.first_name }}?", body: "Reply and tell us, {{ contact.name }}." }
              - id: call
                task: { role: community-manager, title: "Call {{ contact.name }} ({{ event.score }}/10)", due: 24h, escalate: { after: 48h, role: regional-manager } }
              - id: mark
                update: { followed_up: "true", last_score: "event.score" }
              - id: reminder
                send:
                  channels: [sms]
                  sms: "{{ contact.first_name }}, {{ community.name }} here: is everything fixed?"
              - id: await
                wait-for: { event: review.posted, timeout: 7d, barrier: no answer }
              - id: thanks
                stage: heard
                send: { channels: [email], email: { subject: "Thanks!", body: "Thank you, {{ contact.first_name }}." } }
            """;

    Engine engine;
    Context context;
    Instant t0 = Instant.parse("2027-03-01T16:00:00Z");
    Input enter;
    Input passBy;
    InstanceState waiting;
    Input.TimerFired due;

    @Setup
    public void setUp() {
        JourneyLoader loader = new JourneyLoader(EventCatalog.builtIn(), ActionRegistry.empty());
        var loaded = loader.load("ten-steps.yaml", JOURNEY);
        if (!loaded.ok()) {
            throw new IllegalStateException(loaded.problems().toString());
        }
        engine = new Engine(JourneyLibrary.of(List.of(loaded.journey().get())), ActionRegistry.empty());
        ZoneId denver = ZoneId.of("America/Denver");
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        addresses.put(Channel.EMAIL, "dana@example.com");
        addresses.put(Channel.SMS, "+13035550100");
        ContactView dana = new ContactView(
                "R-1",
                Set.of("resident"),
                "Dana",
                "Reyes",
                Optional.of(denver),
                "en",
                Optional.of("cedar-ridge"),
                Optional.of("CO"),
                addresses,
                Map.of(Channel.EMAIL, Set.of(Purpose.MARKETING), Channel.SMS, Set.of(Purpose.TRANSACTIONAL)),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
        CommunityView cedar = new CommunityView(
                "cedar-ridge",
                "Cedar Ridge",
                Optional.empty(),
                Optional.empty(),
                denver,
                Optional.of("CO"),
                "100 Cedar Ridge Dr",
                "+1 303 555 0100",
                "hi@cedar.example",
                Map.of(),
                Map.of("first_name", "Maya"),
                BusinessCalendar.standard(denver),
                Optional.empty(),
                Map.of());
        context = new Context() {
            public Optional<ContactView> contact(String id) {
                return Optional.of(dana);
            }

            public Optional<CommunityView> community(String id) {
                return Optional.of(cedar);
            }
        };
        enter = new Input.EventReceived(new Event(
                "e1",
                "feedback.submitted",
                t0,
                Optional.of("R-1"),
                Optional.of("cedar-ridge"),
                Map.of(),
                Map.of("score", 4L, "topic", "maintenance"),
                Optional.empty()));
        passBy = new Input.EventReceived(new Event(
                "e2",
                "portal.login",
                t0.plusSeconds(60),
                Optional.of("R-1"),
                Optional.of("cedar-ridge"),
                Map.of(),
                Map.of(),
                Optional.empty()));
        Outcome entered = engine.process(ContactJourneys.empty("R-1"), enter, t0, context);
        waiting = entered.next().instances().get(0);
        Timer step = entered.effects().stream()
                .filter(e -> e instanceof Effect.ScheduleTimer s && s.timer().kind() == Timer.Kind.STEP)
                .map(e -> ((Effect.ScheduleTimer) e).timer())
                .findFirst()
                .orElseThrow();
        due = new Input.TimerFired(step);
    }

    @Benchmark
    public Outcome enterAndRunToFirstWait() {
        return engine.process(ContactJourneys.empty("R-1"), enter, t0, context);
    }

    @Benchmark
    public Decision timerFires() {
        return engine.decide(waiting, due, due.timer().due(), context);
    }

    @Benchmark
    public Decision eventPassesBy() {
        return engine.decide(waiting, passBy, t0.plusSeconds(60), context);
    }
}
