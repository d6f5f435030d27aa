package dev.threshold.engine.sim;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.core.Fact;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.core.InstanceState;
import dev.threshold.engine.core.Outcome;
import dev.threshold.engine.core.Timer;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.guardrail.InboundSms;
import dev.threshold.engine.guardrail.Verdict;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Runs the engine on a virtual clock: the same {@link Engine} the durable runtime uses, with an in-memory
 * world, the same guardrails as the dispatcher, and time that jumps from one due moment to the next. A
 * year of renewals takes seconds.
 *
 * <pre>{@code
 * Simulation run = new Simulator(engine, Guardrails.defaults()).run(scenario, line -> System.out.println(line.toJson()));
 * }</pre>
 */
public final class Simulator {
    /** A safety stop for stories that would never end (a loop of emitted events). */
    private static final int MAX_ITEMS = 5_000_000;

    private final Engine engine;
    private final Guardrails guardrails;
    private final Extensions extensions;

    /** Domain data for actions (inventory, policies), built from a scenario's {@code data}. */
    public interface Extensions {
        Map<Class<?>, Object> from(Scenario scenario);

        /**
         * Keeps the data built by {@link #from} in step with the story, before each event is processed, as
         * the runtime's records follow the property-management system: a lease signed for a unit takes it
         * off the market, so an action after it no longer offers that unit.
         */
        default void observe(Event event, Map<Class<?>, Object> data) {}

        static Extensions none() {
            return s -> Map.of();
        }
    }

    public Simulator(Engine engine, Guardrails guardrails) {
        this(engine, guardrails, Extensions.none());
    }

    public Simulator(Engine engine, Guardrails guardrails, Extensions extensions) {
        this.engine = engine;
        this.guardrails = guardrails;
        this.extensions = extensions;
    }

    /** The journeys this simulator runs. */
    public dev.threshold.engine.journey.JourneyLibrary library() {
        return engine.library();
    }

    /** What a run produced: every line, in time order, and the state everyone ended in. */
    public record Simulation(List<SimLine> lines, Map<String, ContactJourneys> journeys, SimWorld world) {}

    public Simulation run(Scenario scenario) {
        return run(scenario, line -> {});
    }

    /** Runs a scenario, handing each line to {@code out} as it happens. */
    public Simulation run(Scenario scenario, Consumer<SimLine> out) {
        Run run = new Run(scenario, out);
        run.go();
        return new Simulation(List.copyOf(run.lines), Map.copyOf(run.journeys), run.world);
    }

    private sealed interface Item {
        Instant at();

        long seq();
    }

    private record EventItem(Instant at, long seq, Event event) implements Item {}

    private record TimerItem(Instant at, long seq, Timer timer) implements Item {}

    private record CommandItem(Instant at, long seq, Scenario.TimedCommand command) implements Item {}

    private record ContactItem(Instant at, long seq, ContactView contact) implements Item {}

    private record DeliveryItem(Instant at, long seq, Effect.SendMessage message) implements Item {}

    private final class Run {
        final Scenario scenario;
        final Consumer<SimLine> out;
        final SimWorld world;
        final Map<Class<?>, Object> data;
        final List<SimLine> lines = new ArrayList<>();
        final Map<String, ContactJourneys> journeys = new HashMap<>();
        final PriorityQueue<Item> agenda = new PriorityQueue<>((a, b) -> {
            int c = a.at().compareTo(b.at());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        });
        final Map<String, Long> liveTimers = new HashMap<>();
        final Map<String, List<Guardrails.Sent>> sentMarketing = new HashMap<>();
        final Map<String, Effect.CreateTask> openTasks = new LinkedHashMap<>();
        /** When each message was first handed over, and when and why each ended instance ended. */
        final Map<String, Instant> handedOver = new HashMap<>();

        final Map<String, Map.Entry<Instant, String>> ended = new HashMap<>();
        long seq;
        Instant now;

        Run(Scenario scenario, Consumer<SimLine> out) {
            this.scenario = scenario;
            this.out = out;
            this.data = extensions.from(scenario);
            this.world = new SimWorld(scenario, engine.library(), data);
            this.now = scenario.start();
        }

        void go() {
            for (Scenario.Timed t : scenario.inputs()) {
                switch (t) {
                    case Scenario.TimedEvent e -> agenda.add(new EventItem(e.at(), seq++, e.event()));
                    case Scenario.TimedCommand c -> agenda.add(new CommandItem(c.at(), seq++, c));
                    case Scenario.TimedContact c -> agenda.add(new ContactItem(c.at(), seq++, c.contact()));
                }
            }
            int processed = 0;
            while (!agenda.isEmpty() && !agenda.peek().at().isAfter(scenario.runUntil())) {
                if (++processed > MAX_ITEMS) {
                    throw new IllegalStateException("the scenario did not settle after " + MAX_ITEMS + " steps");
                }
                Item item = agenda.poll();
                now = item.at().isBefore(now) ? now : item.at();
                switch (item) {
                    case EventItem e -> onEvent(e.event());
                    case TimerItem t -> {
                        if (liveTimers.getOrDefault(t.timer().id(), -1L) == t.seq()) {
                            liveTimers.remove(t.timer().id());
                            process(t.timer().contact(), new Input.TimerFired(t.timer()));
                        }
                    }
                    case CommandItem c -> onCommand(c.command());
                    case DeliveryItem d -> deliver(d.message(), true);
                    case ContactItem c -> world.put(c.contact());
                }
            }
        }

        void onEvent(Event event) {
            extensions.observe(event, data);
            if (event.contact().isEmpty()) {
                line(event.occurredAt(), "", "", "", "event", Map.of("event", event.type(), "id", event.id()));
                for (Event addressed : engine.fanout(event, now, world)) {
                    agenda.add(new EventItem(now, seq++, addressed));
                }
                return;
            }
            String contact = event.contact().get();
            if (event.type().equals("sms.received")) {
                inbound(event, contact);
                return;
            }
            Event e = completeTask(event, contact);
            world.record(e);
            process(contact, new Input.EventReceived(e));
        }

        /** A text from a person: the guardrails read it first, then journeys hear it as sms.replied. */
        void inbound(Event event, String contact) {
            world.record(event);
            ContactView who = world.contact(contact).orElse(ContactView.minimal(contact, ""));
            Optional<CommunityView> community =
                    event.community().or(who::community).flatMap(world::community);
            InboundSms.Handling h = InboundSms.handle(event, who, community);
            h.smsAllowed().ifPresent(allowed -> {
                world.allowSms(contact, allowed);
                line(
                        now,
                        contact,
                        "",
                        "",
                        "consent",
                        Map.of(
                                "channel",
                                "sms",
                                "granted",
                                allowed,
                                "source",
                                String.valueOf(event.data().get("body"))));
            });
            h.reply()
                    .ifPresent(text -> line(
                            now,
                            contact,
                            "",
                            "",
                            "message",
                            Map.of(
                                    "key",
                                    InboundSms.answerKey(event),
                                    "channel",
                                    "sms",
                                    "purpose",
                                    "compliance",
                                    "body",
                                    text,
                                    "reason",
                                    "answer to "
                                            + h.intent()
                                                    .name()
                                                    .toLowerCase(Locale.ROOT)
                                                    .replace('_', '-'))));
            h.staffTask()
                    .ifPresent(title -> line(
                            now,
                            contact,
                            "",
                            "",
                            "task",
                            Map.of(
                                    "task",
                                    InboundSms.taskKey(event),
                                    "role",
                                    "community-manager",
                                    "title",
                                    title,
                                    "due",
                                    local(now.plusSeconds(4 * 3600), contact))));
            for (Event e : h.events()) {
                agenda.add(new EventItem(now, seq++, e));
            }
        }

        /** A scenario may complete a task by its step; the engine needs its key. */
        Event completeTask(Event event, String contact) {
            if (!event.type().equals("task.completed") || event.data().containsKey("task")) {
                closeTasks(event);
                return event;
            }
            Object step = event.data().get("step");
            for (Effect.CreateTask t : openTasks.values()) {
                if (t.contact().equals(contact) && (step == null || t.step().equals(step))) {
                    Map<String, Object> data = new LinkedHashMap<>(event.data());
                    data.put("task", t.key());
                    data.putIfAbsent("step", t.step());
                    data.putIfAbsent("journey", t.journey());
                    Event filled = new Event(
                            event.id(),
                            event.type(),
                            event.occurredAt(),
                            event.contact(),
                            event.community(),
                            event.subject(),
                            data,
                            event.journey());
                    closeTasks(filled);
                    return filled;
                }
            }
            return event;
        }

        void closeTasks(Event event) {
            if (event.type().equals("task.completed")) {
                Object key = event.data().get("task");
                if (key != null && openTasks.remove(key.toString()) != null) {
                    line(now, contactOf(event), "", "", "task-done", Map.of("task", key.toString()));
                }
            }
        }

        String contactOf(Event e) {
            return e.contact().orElse("");
        }

        void onCommand(Scenario.TimedCommand c) {
            ContactJourneys cj = journeys.getOrDefault(c.contact(), ContactJourneys.empty(c.contact()));
            Optional<InstanceState> target = cj.instances().stream()
                    .filter(i -> i.journey().equals(c.journey()))
                    .reduce((a, b) -> b);
            if (target.isEmpty()) {
                line(
                        now,
                        c.contact(),
                        c.journey(),
                        "",
                        "command-ignored",
                        Map.of("command", c.kind().name().toLowerCase(Locale.ROOT), "reason", "no running instance"));
                return;
            }
            process(c.contact(), new Input.Command(c.kind(), target.get().id(), c.by(), c.note()));
        }

        void process(String contact, Input input) {
            ContactJourneys cj = journeys.getOrDefault(contact, ContactJourneys.empty(contact));
            Outcome outcome = engine.process(cj, input, now, world);
            journeys.put(contact, outcome.next());
            for (Effect effect : outcome.effects()) {
                perform(contact, effect);
            }
        }

        void perform(String contact, Effect effect) {
            switch (effect) {
                case Effect.SendMessage m -> deliver(m, false);
                case Effect.CreateTask t -> {
                    openTasks.put(t.key(), t);
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("role", t.role());
                    f.put("title", t.title());
                    f.put("due", local(t.due(), contact));
                    t.escalateAt().ifPresent(e -> f.put("escalate_at", local(e, contact)));
                    t.escalateTo().ifPresent(r -> f.put("escalate_to", r));
                    f.put("task", t.key());
                    if (!t.description().isEmpty()) {
                        f.put("description", t.description());
                    }
                    line(now, contact, t.journey(), t.step(), t.key().endsWith(":escalated") ? "escalated" : "task", f);
                }
                case Effect.CloseTask t -> {
                    Effect.CreateTask task = openTasks.remove(t.key());
                    if (task != null) {
                        line(
                                now,
                                contact,
                                task.journey(),
                                task.step(),
                                "task-closed",
                                Map.of("task", t.key(), "reason", t.reason()));
                    }
                }
                case Effect.ScheduleTimer s -> {
                    Timer timer = s.timer();
                    long id = seq++;
                    liveTimers.put(timer.id(), id);
                    agenda.add(new TimerItem(timer.due(), id, timer));
                    line(
                            now,
                            contact,
                            timer.journey(),
                            stepOf(timer),
                            "timer",
                            Map.of(
                                    "due",
                                    local(timer.due(), contact),
                                    "kind",
                                    timer.kind().name().toLowerCase(Locale.ROOT)));
                }
                case Effect.CancelTimer c -> liveTimers.remove(c.id());
                case Effect.UpdateContact u -> {
                    world.update(u.contact(), u.set());
                    line(now, u.contact(), "", "", "update", Map.of("set", u.set()));
                }
                case Effect.EmitEvent e -> {
                    if (!e.event().type().equals("journey.handoff")
                            && !e.event().type().equals("journey.goal_reached")) {
                        line(
                                now,
                                contact,
                                "",
                                "",
                                "emitted",
                                Map.of("event", e.event().type()));
                    }
                    agenda.add(new EventItem(now, seq++, e.event()));
                }
                case Effect.RecordFact f -> fact(f.fact());
            }
        }

        String stepOf(Timer timer) {
            int at = timer.id().indexOf("#step:");
            if (at < 0) {
                return "";
            }
            String rest = timer.id().substring(at + 6);
            return rest.substring(0, rest.lastIndexOf(':'));
        }

        void fact(Fact f) {
            String step = f.step().orElse("");
            Map<String, Object> d = new LinkedHashMap<>();
            switch (f.kind()) {
                case ENTERED -> {
                    d.put("instance", f.instance());
                    d.put("via", f.detail().get("via"));
                    line(f.at(), f.contact(), f.journey(), step, "entered", d);
                }
                case NOT_ENTERED -> {
                    d.put("reason", f.detail().get("reason"));
                    line(f.at(), f.contact(), f.journey(), step, "not-entered", d);
                }
                case ENTRY_PLANNED -> {
                    d.put("due", local(Instant.parse(String.valueOf(f.detail().get("due"))), f.contact()));
                    line(f.at(), f.contact(), f.journey(), step, "planned", d);
                }
                case STAGE_ENTERED -> {
                    d.put("stage", f.stage().orElse(""));
                    line(f.at(), f.contact(), f.journey(), step, "stage", d);
                }
                case GOAL -> {
                    d.putAll(f.detail());
                    line(f.at(), f.contact(), f.journey(), step, "goal", d);
                }
                case COMPLETED, EXITED, ENDED, CANCELLED, FAILED -> {
                    Object why = f.detail().get("reason");
                    ended.put(
                            f.instance(),
                            Map.entry(f.at(), why == null ? f.kind().name().toLowerCase(Locale.ROOT) : why.toString()));
                    d.put("status", f.kind().name().toLowerCase(Locale.ROOT));
                    d.put("reason", f.detail().get("reason"));
                    f.text("barrier").ifPresent(b -> d.put("barrier", b));
                    f.stage().ifPresent(s -> d.put("stage", s));
                    line(f.at(), f.contact(), f.journey(), step, "exit", d);
                }
                case HANDOFF -> {
                    d.put("to", f.detail().get("to"));
                    line(f.at(), f.contact(), f.journey(), step, "handoff", d);
                }
                case SPLIT -> {
                    d.put("variant", f.detail().get("variant"));
                    line(f.at(), f.contact(), f.journey(), step, "split", d);
                }
                case PAUSED, TAKEN_OVER, RESUMED -> {
                    d.putAll(f.detail());
                    line(
                            f.at(),
                            f.contact(),
                            f.journey(),
                            step,
                            f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            d);
                }
                case STEP -> {
                    if (f.detail().containsKey("replanned_to")) {
                        d.put(
                                "due",
                                local(Instant.parse(String.valueOf(f.detail().get("replanned_to"))), f.contact()));
                        line(f.at(), f.contact(), f.journey(), step, "replanned", d);
                    } else if (Boolean.TRUE.equals(f.detail().get("timeout"))) {
                        line(f.at(), f.contact(), f.journey(), step, "timeout", d);
                    }
                }
                case MIGRATED -> line(f.at(), f.contact(), f.journey(), step, "migrated", f.detail());
                default -> {}
            }
        }

        void deliver(Effect.SendMessage m, boolean retry) {
            String contact = m.recipient().orElse("");
            handedOver.putIfAbsent(m.key(), now);
            Map.Entry<Instant, String> end = ended.get(m.instance());
            if (retry && end != null && handedOver.get(m.key()).isBefore(end.getKey())) {
                // a message still waiting when its instance ended is withdrawn; one the ending itself sent is not
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("purpose", m.purpose().name().toLowerCase(Locale.ROOT));
                f.put("key", m.key());
                f.put("reason", "journey ended: " + end.getValue());
                line(now, contact, m.journey(), m.step(), "skipped", f);
                return;
            }
            ContactView who = m.recipient().flatMap(world::contact).orElse(ContactView.minimal(contact, ""));
            Optional<CommunityView> community = m.community().or(who::community).flatMap(world::community);
            List<Guardrails.Sent> recent = sentMarketing.getOrDefault(contact, List.of());
            Verdict v = guardrails.check(m, who, community, now, recent);
            Map<String, Object> f = new LinkedHashMap<>();
            v.usedChannel().ifPresent(ch -> f.put("channel", ch.id()));
            f.put("purpose", m.purpose().name().toLowerCase(Locale.ROOT));
            m.staffRole().ifPresent(r -> f.put("to_staff", r));
            f.put("key", m.key());
            switch (v) {
                case Verdict.Send s -> {
                    Effect.Rendered r = m.content().get(s.channel());
                    f.put(
                            "template",
                            m.journey() + "/" + m.step() + "/" + s.channel().id());
                    if (r != null) {
                        r.subject().ifPresent(subject -> f.put("subject", subject));
                        f.put("body", r.body());
                    }
                    f.put("reason", s.reason());
                    if (m.purpose() == Purpose.MARKETING && m.staffRole().isEmpty()) {
                        sentMarketing
                                .computeIfAbsent(contact, k -> new ArrayList<>())
                                .add(new Guardrails.Sent(s.channel(), now));
                    }
                    line(now, contact.isEmpty() ? staffLineContact(m) : contact, m.journey(), m.step(), "message", f);
                }
                case Verdict.Defer d -> {
                    f.put("until", local(d.until(), contact));
                    f.put("reason", d.reason());
                    line(now, contact, m.journey(), m.step(), "deferred", f);
                    agenda.add(new DeliveryItem(d.until(), seq++, m));
                }
                case Verdict.Skip s -> {
                    f.put("reason", s.reason());
                    line(now, contact, m.journey(), m.step(), "skipped", f);
                }
            }
        }

        String staffLineContact(Effect.SendMessage m) {
            int first = m.instance().indexOf(':');
            int second = first < 0 ? -1 : m.instance().indexOf(':', first + 1);
            return second < 0 ? "" : m.instance().substring(first + 1, second);
        }

        String local(Instant at, String contact) {
            return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zoneOf(contact)));
        }

        ZoneId zoneOf(String contact) {
            return world.contact(contact).map(world::zoneOf).orElse(ZoneOffset.UTC);
        }

        void line(Instant at, String contact, String journey, String step, String type, Map<String, Object> fields) {
            SimLine l = new SimLine(at, zoneOf(contact), contact, journey, step, type, fields);
            lines.add(l);
            out.accept(l);
        }
    }
}
