package dev.threshold.engine.core;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.expr.ExpressionException;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.EntryRule;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.engine.time.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure core of Threshold: given what it knows about a contact, one input and the time, it returns what
 * changed and what to do. It reads no clock, draws no random numbers and performs no I/O; the same
 * arguments always give the same outcome, which is what makes simulation, replay and "why" exact.
 *
 * <pre>{@code
 * Engine engine = new Engine(library, actions);
 * Outcome out = engine.process(journeysOfDana, new Input.EventReceived(leaseSigned), now, context);
 * // store out.changed() and perform out.effects(), in one transaction with the input's offset
 * }</pre>
 */
public final class Engine {
    private final JourneyLibrary library;
    private final ActionRegistry actions;
    private final Map<String, java.util.Set<String>> reactive = new java.util.concurrent.ConcurrentHashMap<>();

    public Engine(JourneyLibrary library, ActionRegistry actions) {
        this.library = library;
        this.actions = actions;
    }

    public JourneyLibrary library() {
        return library;
    }

    /** This engine with another library (a version was published). */
    public Engine withLibrary(JourneyLibrary next) {
        return new Engine(next, actions);
    }

    /**
     * Applies one input to one contact's journeys: running instances react (goals, exits, waits), and
     * journeys the input triggers admit the contact, subject to audience and entry rules.
     */
    public Outcome process(ContactJourneys journeys, Input input, Instant now, Context ctx) {
        Processing p = new Processing(journeys, now, ctx);
        switch (input) {
            case Input.EventReceived received -> {
                Event event = received.event();
                for (InstanceState instance : journeys.instances()) {
                    if (event.journey().isEmpty() || event.journey().get().equals(instance.journey())) {
                        p.apply(decide(instance, input, now, ctx));
                    }
                }
                admitOnEvent(p, event);
            }
            case Input.TimerFired fired -> {
                Timer timer = fired.timer();
                if (timer.instance().isPresent()) {
                    journeys.instance(timer.instance().get()).ifPresent(i -> p.apply(decide(i, input, now, ctx)));
                } else {
                    admitOnTimer(p, timer);
                }
            }
            case Input.Command command ->
                journeys.instance(command.instance()).ifPresent(i -> p.apply(decide(i, input, now, ctx)));
        }
        return p.outcome();
    }

    /** Applies one input to one instance, on the journey version it started on. */
    public Decision decide(InstanceState state, Input input, Instant now, Context ctx) {
        Journey journey = library.version(state.journey(), state.version())
                .orElseThrow(() -> new IllegalStateException("instance " + state.id() + " runs on journey "
                        + state.journey() + "@" + state.version() + ", which is not in the library"));
        if (input instanceof Input.EventReceived e
                && !reactive(journey).contains(e.event().type())) {
            return new Decision(state, List.of()); // not an event this journey listens to: nothing changes
        }
        Run run = new Run(state, journey, actions, ctx, now);
        switch (input) {
            case Input.EventReceived e -> run.onEvent(e.event());
            case Input.TimerFired t -> run.onTimer(t.timer());
            case Input.Command c -> run.onCommand(c);
        }
        return run.decision();
    }

    /**
     * For an event about a thing rather than a person (a unit became available): the per-contact events to
     * feed in, one for each contact a fan-out trigger reaches, each addressed to its journey.
     */
    public List<Event> fanout(Event event, Instant now, Context ctx) {
        List<Event> out = new ArrayList<>();
        for (Journey journey : library.triggeredBy(event.type())) {
            for (Trigger trigger : journey.triggers()) {
                if (trigger instanceof Trigger.OnFanout f && f.event().equals(event.type())) {
                    Map<String, Object> vars = Variables.of(
                            ContactView.minimal("", ""),
                            event.community().flatMap(ctx::community),
                            event,
                            event,
                            event.data(),
                            Map.of(),
                            ctx.settings(journey, event.community()),
                            Map.of(),
                            now);
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (AudienceQuery.Criterion c : f.audience().where()) {
                        values.put(c.preference(), c.value().evaluate(vars));
                    }
                    for (String contact : ctx.audience(f.audience(), values, event)) {
                        out.add(event.withContact(contact)
                                .addressedTo(journey.id(), event.id() + ">" + journey.id() + ">" + contact));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Moves a running instance to a newer version of its journey by the new version's explicit step mapping.
     * Without a mapping for the instance's version and current step, it stays where it is.
     */
    public Optional<Decision> migrate(InstanceState state, Journey to, Instant now) {
        if (!to.id().equals(state.journey())
                || to.version() <= state.version()
                || state.status().isTerminal()) {
            return Optional.empty();
        }
        Optional<Journey.Migration> migration = to.migrations().stream()
                .filter(m -> m.from() == state.version())
                .findFirst();
        if (migration.isEmpty()) {
            return Optional.empty();
        }
        String step = state.step();
        String mapped = step.isEmpty() ? "" : migration.get().steps().get(step);
        if (mapped == null || (!mapped.isEmpty() && to.step(mapped).isEmpty())) {
            return Optional.empty();
        }
        String stage = mapped.isEmpty() ? state.stage() : to.step(mapped).get().stage();
        // the step's pending timer moves with it, under the new step's name
        Map<String, Integer> visits = new LinkedHashMap<>(state.visits());
        List<Timer> timers = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        int visit = state.visits().getOrDefault(step, 1);
        if (!mapped.isEmpty()) {
            visits.put(mapped, visit);
        }
        String oldTimer = state.id() + "#step:" + step + ":" + visit;
        for (Timer t : state.timers()) {
            if (t.id().equals(oldTimer) && !mapped.isEmpty()) {
                Timer moved = new Timer(
                        state.id() + "#step:" + mapped + ":" + visit,
                        t.contact(),
                        t.instance(),
                        t.journey(),
                        t.kind(),
                        t.due(),
                        t.payload());
                timers.add(moved);
                effects.add(new Effect.CancelTimer(t.id()));
                effects.add(new Effect.ScheduleTimer(moved));
            } else {
                timers.add(t);
            }
        }
        InstanceState next = new InstanceState(
                state.id(),
                state.journey(),
                to.version(),
                state.contact(),
                state.key(),
                state.community(),
                state.status(),
                mapped,
                stage,
                state.enteredAt(),
                state.stageEnteredAt(),
                now,
                state.trigger(),
                state.data(),
                state.results(),
                timers,
                visits,
                state.tasks(),
                state.variants(),
                state.goalSeen(),
                state.goalOpen(),
                state.held(),
                state.inputs());
        Fact fact = new Fact(
                Fact.Kind.MIGRATED,
                now,
                to.id(),
                to.version(),
                state.id(),
                state.contact(),
                state.community(),
                Optional.of(stage),
                mapped.isEmpty() ? Optional.empty() : Optional.of(mapped),
                Map.of("from_version", (long) state.version(), "from_step", step));
        effects.add(new Effect.RecordFact(fact));
        return Optional.of(new Decision(next, effects));
    }

    /** The event types a running instance of the journey can react to. */
    private java.util.Set<String> reactive(Journey journey) {
        return reactive.computeIfAbsent(journey.ref(), k -> {
            java.util.Set<String> types = new java.util.HashSet<>(journey.track());
            journey.goal().ifPresent(g -> g.events().forEach(a -> types.add(a.event())));
            journey.exits().forEach(x -> types.add(x.event()));
            for (var step : journey.steps()) {
                if (step.kind() instanceof dev.threshold.engine.journey.Step.WaitFor w) {
                    w.events().forEach(a -> types.add(a.event()));
                } else if (step.kind() instanceof dev.threshold.engine.journey.Step.Task t) {
                    types.add("task.completed");
                    t.closedBy().forEach(a -> types.add(a.event()));
                }
            }
            return java.util.Set.copyOf(types);
        });
    }

    // ------------------------------------------------------------------ entry

    private void admitOnEvent(Processing p, Event event) {
        if (event.type().equals("journey.handoff") && event.journey().isPresent()) {
            library.latest(event.journey().get()).ifPresent(j -> {
                if (j.entry().handoffs()) {
                    admit(p, j, event, "handoff from " + event.data().getOrDefault("from_journey", "?"));
                } else {
                    p.notEntered(j, event, "it does not accept hand-offs");
                }
            });
            return;
        }
        for (Journey journey : library.triggeredBy(event.type())) {
            if (event.journey().isPresent() && !event.journey().get().equals(journey.id())) {
                continue;
            }
            for (Trigger trigger : journey.triggers()) {
                if (trigger.events().contains(event.type()) && onTrigger(p, journey, trigger, event)) {
                    break;
                }
            }
        }
    }

    /** Handles one trigger of a journey for an event; true when the journey was decided on (entered or not). */
    private boolean onTrigger(Processing p, Journey journey, Trigger trigger, Event event) {
        return switch (trigger) {
            case Trigger.OnEvent t -> {
                if (!p.holds(t.when(), journey, event)) {
                    p.notEntered(
                            journey,
                            event,
                            "the trigger condition is false: " + t.when().get().source());
                    yield false;
                }
                admit(p, journey, event, "event " + event.type());
                yield true;
            }
            case Trigger.OnDate t -> {
                planDate(p, journey, t, event);
                yield true;
            }
            case Trigger.OnAbsence t -> {
                ContactView contact = p.contact().orElse(ContactView.minimal(p.journeys.contact(), ""));
                ZoneId zone = p.ctx.zoneOf(contact);
                Instant due = t.period()
                        .resolve(p.ctx.settings(journey, event.community()))
                        .addTo(event.occurredAt(), zone, p.ctx.calendar(event.community(), zone));
                p.effects.add(new Effect.ScheduleTimer(new Timer(
                        "entry:" + journey.id() + ":" + p.journeys.contact() + ":absence",
                        p.journeys.contact(),
                        Optional.empty(),
                        journey.id(),
                        Timer.Kind.ENTRY_ABSENCE,
                        due,
                        Map.of("event", EventCodec.toMap(event)))));
                yield true;
            }
            case Trigger.OnHistory t -> {
                for (Trigger.HistoryRule rule : t.rules()) {
                    if (countRecent(p, journey, rule, event) < rule.atLeast()) {
                        yield false;
                    }
                }
                if (!p.holds(t.when(), journey, event)) {
                    p.notEntered(
                            journey,
                            event,
                            "the history rule holds, but not: " + t.when().get().source());
                    yield false;
                }
                admit(p, journey, event, "history rule on " + event.type());
                yield true;
            }
            case Trigger.OnFanout t -> {
                if (event.journey().isEmpty()) {
                    yield false; // only the addressed copies made by fanout() enter
                }
                if (!p.holds(t.when(), journey, event)) {
                    p.notEntered(
                            journey,
                            event,
                            "the fan-out condition is false: " + t.when().get().source());
                    yield true;
                }
                admit(p, journey, event, "fan-out of " + event.type());
                yield true;
            }
        };
    }

    private long countRecent(Processing p, Journey journey, Trigger.HistoryRule rule, Event current) {
        Instant since = current.occurredAt().minus(rule.within().approximate());
        return p.ctx.history(p.journeys.contact(), rule.event(), since).stream()
                .filter(e -> rule.when().isEmpty() || p.holds(rule.when(), journey, e))
                .count();
    }

    private void planDate(Processing p, Journey journey, Trigger.OnDate t, Event event) {
        if (!p.holds(t.when(), journey, event)) {
            p.notEntered(
                    journey,
                    event,
                    "the trigger condition is false: " + t.when().get().source());
            return;
        }
        Optional<String> key = p.keyOf(journey, event);
        if (key.isEmpty()) {
            return;
        }
        boolean running = p.running(journey.id(), key.get());
        if (running) {
            return; // the running instance tracks the date itself
        }
        ContactView contact = p.contact().orElse(ContactView.minimal(p.journeys.contact(), ""));
        ZoneId zone = p.ctx.zoneOf(contact);
        Object raw;
        try {
            raw = t.date().evaluate(p.vars(journey, event));
        } catch (ExpressionException e) {
            p.notEntered(journey, event, "no date: " + e.getMessage());
            return;
        }
        Optional<Moments.When> when = Moments.parse(raw);
        if (when.isEmpty()) {
            p.notEntered(journey, event, "'" + t.date().source() + "' is not a date: " + raw);
            return;
        }
        Instant base = Moments.base(when.get(), zone, t.at());
        Span offset = t.offset().resolve(p.ctx.settings(journey, event.community()));
        Instant due = offset.addTo(base, zone, p.ctx.calendar(event.community(), zone));
        if (t.at().isPresent() && when.get() instanceof Moments.When.At) {
            due = Moments.atOrAfter(due, zone, t.at().get());
        }
        String timerId = "entry:" + journey.id() + ":" + p.journeys.contact() + ":" + key.get();
        if (due.isAfter(p.now)) {
            p.effects.add(new Effect.ScheduleTimer(new Timer(
                    timerId,
                    p.journeys.contact(),
                    Optional.empty(),
                    journey.id(),
                    Timer.Kind.ENTRY_DATE,
                    due,
                    Map.of("event", EventCodec.toMap(event)))));
            p.fact(journey, "", Fact.Kind.ENTRY_PLANNED, event, Map.of("due", due.toString(), "key", key.get()));
        } else if (!base.isBefore(p.now)) {
            p.effects.add(new Effect.CancelTimer(timerId));
            admit(p, journey, event, "date " + raw + " " + offset + " has come");
        } else {
            p.notEntered(journey, event, "the date " + raw + " has passed");
        }
    }

    private void admitOnTimer(Processing p, Timer timer) {
        Optional<Journey> journey = library.latest(timer.journey());
        if (journey.isEmpty()) {
            return;
        }
        Event carried = Run.carried(timer);
        switch (timer.kind()) {
            case ENTRY_DATE -> admit(p, journey.get(), carried, "planned date");
            case ENTRY_ABSENCE -> {
                for (Trigger t : journey.get().triggers()) {
                    if (t instanceof Trigger.OnAbsence a && regular(p, a, carried)) {
                        admit(p, journey.get(), carried, "no " + a.event() + " since " + carried.occurredAt());
                        return;
                    }
                }
                p.notEntered(journey.get(), carried, "no regular use before the silence");
            }
            default -> {}
        }
    }

    private boolean regular(Processing p, Trigger.OnAbsence a, Event last) {
        if (a.regularCount() <= 1 || a.regularWithin().isEmpty()) {
            return true;
        }
        Instant since = last.occurredAt().minus(a.regularWithin().get().approximate());
        long count = p.ctx.history(p.journeys.contact(), a.event(), since).stream()
                .filter(e -> !e.occurredAt().isAfter(last.occurredAt()))
                .count();
        return count >= a.regularCount();
    }

    private void admit(Processing p, Journey journey, Event trigger, String via) {
        Optional<ContactView> contact = p.contact();
        if (contact.isEmpty()) {
            p.notEntered(journey, trigger, "the contact is unknown");
            return;
        }
        Optional<String> community = trigger.community().or(() -> contact.get().community());
        if (!p.ctx.enabled(journey.id(), community)) {
            p.notEntered(
                    journey,
                    trigger,
                    "the journey is switched off"
                            + community.map(c -> " at " + c).orElse(""));
            return;
        }
        if (!journey.audience().roles().isEmpty()
                && journey.audience().roles().stream().noneMatch(contact.get().roles()::contains)) {
            p.notEntered(
                    journey,
                    trigger,
                    "the journey is for "
                            + String.join(" or ", journey.audience().roles()) + "; the contact is "
                            + String.join(", ", contact.get().roles()));
            return;
        }
        if (!p.holds(journey.audience().when(), journey, trigger)) {
            p.notEntered(
                    journey,
                    trigger,
                    "the audience condition is false: "
                            + journey.audience().when().get().source());
            return;
        }
        Optional<String> key = p.keyOf(journey, trigger);
        if (key.isEmpty()) {
            p.notEntered(
                    journey, trigger, "the event has no " + journey.key().get().source());
            return;
        }
        Optional<String> refusal = refusal(p, journey, key.get());
        if (refusal.isPresent()) {
            p.notEntered(journey, trigger, refusal.get());
            return;
        }
        int n = p.journeys
                        .entry(journey.id(), key.get())
                        .map(ContactJourneys.EntryRecord::count)
                        .orElse(0)
                + 1;
        String id = journey.id() + ":" + p.journeys.contact() + ":" + key.get() + ":" + n;
        Event entry = trigger.community().isPresent() || community.isEmpty()
                ? trigger
                : new Event(
                        trigger.id(),
                        trigger.type(),
                        trigger.occurredAt(),
                        trigger.contact(),
                        community,
                        trigger.subject(),
                        trigger.data(),
                        trigger.journey());
        Run run = new Run(
                Run.fresh(id, journey, p.journeys.contact(), key.get(), entry, p.now), journey, actions, p.ctx, p.now);
        run.start(via);
        p.entered(journey.id(), key.get(), n);
        p.apply(run.decision());
    }

    private Optional<String> refusal(Processing p, Journey journey, String key) {
        Optional<ContactJourneys.EntryRecord> record = p.journeys.entry(journey.id(), key);
        Optional<InstanceState> active = p.activeInstance(journey.id(), key);
        EntryRule rule = journey.entry();
        return switch (rule.reentry()) {
            case ALWAYS -> Optional.empty();
            case ONCE -> record.map(r -> "entered once already, on " + r.lastEnteredAt() + ", and it runs once");
            case WHEN_DONE -> active.map(a -> "already in it since " + a.enteredAt());
            case AFTER -> {
                if (active.isPresent()) {
                    yield Optional.of("already in it since " + active.get().enteredAt());
                }
                if (record.isPresent() && rule.cooldown().isPresent()) {
                    Instant until = record.get()
                            .lastEnteredAt()
                            .plus(rule.cooldown().get().approximate());
                    if (p.now.isBefore(until)) {
                        yield Optional.of("cooling down until " + until + " after the entry on "
                                + record.get().lastEnteredAt());
                    }
                }
                yield Optional.empty();
            }
        };
    }

    /** The working state of one {@link #process} call. */
    private static final class Processing {
        final Instant now;
        final Context ctx;
        ContactJourneys journeys;
        final Map<String, InstanceState> instances = new LinkedHashMap<>();
        final List<InstanceState> changed = new ArrayList<>();
        final List<Effect> effects = new ArrayList<>();
        final List<ContactJourneys.EntryRecord> entries;
        Optional<ContactView> contact;

        Processing(ContactJourneys journeys, Instant now, Context ctx) {
            this.journeys = journeys;
            this.now = now;
            this.ctx = ctx;
            journeys.instances().forEach(i -> instances.put(i.id(), i));
            this.entries = new ArrayList<>(journeys.entries());
        }

        Optional<ContactView> contact() {
            if (contact == null) {
                contact = ctx.contact(journeys.contact());
            }
            return contact;
        }

        void apply(Decision d) {
            InstanceState next = d.next();
            if (d.effects().isEmpty() && instances.get(next.id()) == next) {
                return; // unchanged: nothing to store
            }
            if (next.status().isTerminal()) {
                instances.remove(next.id());
            } else {
                instances.put(next.id(), next);
            }
            changed.removeIf(i -> i.id().equals(next.id()));
            changed.add(next);
            effects.addAll(d.effects());
            journeys = new ContactJourneys(journeys.contact(), List.copyOf(instances.values()), entries);
        }

        void entered(String journey, String key, int count) {
            entries.removeIf(e -> e.journey().equals(journey) && e.key().equals(key));
            entries.add(new ContactJourneys.EntryRecord(journey, key, count, now));
            journeys = new ContactJourneys(journeys.contact(), List.copyOf(instances.values()), entries);
        }

        boolean running(String journey, String key) {
            return activeInstance(journey, key).isPresent();
        }

        Optional<InstanceState> activeInstance(String journey, String key) {
            return instances.values().stream()
                    .filter(i -> i.journey().equals(journey) && i.key().equals(key) && i.isActive())
                    .findFirst();
        }

        Map<String, Object> vars(Journey journey, Event event) {
            ContactView c = contact().orElse(ContactView.minimal(journeys.contact(), ""));
            Optional<String> community = event.community().or(c::community);
            return Variables.of(
                    c,
                    community.flatMap(ctx::community),
                    event,
                    event,
                    event.data(),
                    Map.of(),
                    ctx.settings(journey, community),
                    Map.of(),
                    now);
        }

        boolean holds(Optional<Condition> condition, Journey journey, Event event) {
            if (condition.isEmpty()) {
                return true;
            }
            try {
                return condition.get().test(vars(journey, event));
            } catch (ExpressionException e) {
                return false;
            }
        }

        Optional<String> keyOf(Journey journey, Event event) {
            if (journey.key().isEmpty()) {
                return Optional.of(journeys.contact());
            }
            try {
                Object k = journey.key().get().evaluate(vars(journey, event));
                return k == null || k.toString().isEmpty() ? Optional.empty() : Optional.of(k.toString());
            } catch (ExpressionException e) {
                return Optional.empty();
            }
        }

        void notEntered(Journey journey, Event event, String reason) {
            fact(journey, "", Fact.Kind.NOT_ENTERED, event, Map.of("reason", reason));
        }

        void fact(Journey journey, String instance, Fact.Kind kind, Event event, Map<String, Object> detail) {
            Map<String, Object> d = new LinkedHashMap<>(detail);
            d.put("event", event.type());
            d.put("event_id", event.id());
            effects.add(new Effect.RecordFact(new Fact(
                    kind,
                    now,
                    journey.id(),
                    journey.version(),
                    instance,
                    journeys.contact(),
                    event.community().or(() -> contact().flatMap(ContactView::community)),
                    Optional.empty(),
                    Optional.empty(),
                    d)));
        }

        Outcome outcome() {
            return new Outcome(journeys, changed, effects);
        }
    }
}
