package dev.threshold.engine.core;

import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.expr.ExpressionException;
import dev.threshold.engine.expr.Values;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.GoalRule;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.time.BusinessCalendar;
import dev.threshold.engine.time.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One instance, worked through one input: a mutable copy of its state, the effects it produces, and the
 * step interpreter. Lives for one decision only.
 */
final class Run {
    private static final int MAX_STEPS_PER_DECISION = 500;

    private final Journey journey;
    private final ActionRegistry actions;
    private final Context ctx;
    private final Instant now;
    private final List<Effect> effects = new ArrayList<>();

    private final String id;
    private final String contact;
    private final String key;
    private final Optional<String> community;
    private final Instant enteredAt;
    private final Event trigger;
    private Status status;
    private String step;
    private String stage;
    private Instant stageEnteredAt;
    private Map<String, Object> data;
    private Map<String, Object> results;
    private boolean dataWritable;
    private boolean resultsWritable;
    private final List<Timer> timers;
    private final Map<String, Integer> visits;
    private final List<OpenTask> tasks;
    private final Map<String, String> variants;
    private final Set<String> goalSeen;
    private boolean goalOpen;
    private final List<Timer> held;
    private long inputs;

    private ContactView contactView;
    private Map<String, Object> stepVars;
    private Optional<CommunityView> communityView;
    private Map<String, Object> settings;
    private ZoneId zone;
    private BusinessCalendar calendar;

    Run(InstanceState s, Journey journey, ActionRegistry actions, Context ctx, Instant now) {
        this.journey = journey;
        this.actions = actions;
        this.ctx = ctx;
        this.now = now;
        this.id = s.id();
        this.contact = s.contact();
        this.key = s.key();
        this.community = s.community();
        this.enteredAt = s.enteredAt();
        this.trigger = s.trigger();
        this.status = s.status();
        this.step = s.step();
        this.stage = s.stage();
        this.stageEnteredAt = s.stageEnteredAt();
        this.data = s.data(); // frozen; copied on first write
        this.results = s.results();
        this.timers = new ArrayList<>(s.timers());
        this.visits = new HashMap<>(s.visits());
        this.tasks = new ArrayList<>(s.tasks());
        this.variants = new HashMap<>(s.variants());
        this.goalSeen = new HashSet<>(s.goalSeen());
        this.goalOpen = s.goalOpen();
        this.held = new ArrayList<>(s.held());
        this.inputs = s.inputs();
    }

    /** A new instance, before its first step. */
    static InstanceState fresh(String id, Journey journey, String contact, String key, Event trigger, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>(trigger.data());
        return new InstanceState(
                id,
                journey.id(),
                journey.version(),
                contact,
                key,
                trigger.community(),
                Status.ACTIVE,
                "",
                "",
                now,
                now,
                now,
                trigger,
                data,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                Set.of(),
                journey.goal().isPresent(),
                List.of(),
                0);
    }

    Decision decision() {
        return new Decision(state(), effects);
    }

    InstanceState state() {
        return new InstanceState(
                id,
                journey.id(),
                journey.version(),
                contact,
                key,
                community,
                status,
                step,
                stage,
                enteredAt,
                stageEnteredAt,
                now,
                trigger,
                data,
                results,
                timers,
                visits,
                tasks,
                variants,
                goalSeen,
                goalOpen,
                held,
                inputs);
    }

    // ---------------------------------------------------------------- inputs

    void start(String via) {
        inputs++;
        fact(Fact.Kind.ENTERED, Map.of("trigger", trigger.type(), "trigger_id", trigger.id(), "via", via));
        journey.goal()
                .flatMap(GoalRule::within)
                .ifPresent(within -> schedule(new Timer(
                        id + "#goal",
                        contact,
                        Optional.of(id),
                        journey.id(),
                        Timer.Kind.GOAL_WINDOW,
                        add(now, within.resolve(settings())),
                        Map.of())));
        if (journey.steps().isEmpty()) {
            stepsDone();
        } else {
            runFrom(journey.steps().get(0).id());
        }
    }

    void onEvent(Event event) {
        inputs++;
        if (status.isTerminal() || !concerns(event)) {
            return;
        }
        noteTaskDone(event);
        closeTasksDoneElsewhere(event);
        if (journey.track().contains(event.type())) {
            refresh(event);
        }
        if (checkGoal(event) || checkExit(event)) {
            return;
        }
        if (status == Status.ACTIVE) {
            resumeWaitFor(event);
        }
    }

    void onTimer(Timer timer) {
        inputs++;
        if (status.isTerminal() || !timers.removeIf(t -> t.id().equals(timer.id()))) {
            return; // stale: replaced, cancelled, or already fired
        }
        switch (timer.kind()) {
            case GOAL_WINDOW -> goalWindowClosed();
            case ESCALATION -> escalate(timer);
            case STEP -> {
                if (status == Status.PAUSED) {
                    held.add(timer);
                } else if (status == Status.ACTIVE) {
                    stepTimerFired(timer);
                }
            }
            default -> {}
        }
    }

    void onCommand(Input.Command command) {
        inputs++;
        if (status.isTerminal()) {
            return;
        }
        Map<String, Object> who = Map.of("by", command.by(), "note", command.note());
        switch (command.kind()) {
            case CANCEL -> finish(Status.CANCELLED, "cancelled by " + command.by(), Optional.empty());
            case PAUSE -> pause(Fact.Kind.PAUSED, who);
            case RESUME -> resume(who);
            case TAKEOVER -> {
                switch (journey.takeover()) {
                    case PAUSE -> pause(Fact.Kind.TAKEN_OVER, who);
                    case CONTINUE -> fact(Fact.Kind.TAKEN_OVER, who);
                    case END -> {
                        fact(Fact.Kind.TAKEN_OVER, who);
                        finish(Status.EXITED, "taken over by " + command.by(), Optional.empty());
                    }
                }
            }
        }
    }

    private void pause(Fact.Kind kind, Map<String, Object> who) {
        if (status == Status.ACTIVE) {
            status = Status.PAUSED;
            fact(kind, who);
        }
    }

    private void resume(Map<String, Object> who) {
        if (status != Status.PAUSED) {
            return;
        }
        status = Status.ACTIVE;
        fact(Fact.Kind.RESUMED, who);
        List<Timer> due = new ArrayList<>(held);
        held.clear();
        for (Timer t : due) {
            if (status == Status.ACTIVE) {
                stepTimerFired(t);
            }
        }
    }

    // ---------------------------------------------------------------- events on a running instance

    /** An event about another thing (another work order) than the instance's key passes it by. */
    private boolean concerns(Event event) {
        if (journey.key().isEmpty()) {
            return true;
        }
        try {
            Object k = journey.key().get().evaluate(vars(Optional.of(event)));
            return k == null || String.valueOf(k).equals(key);
        } catch (ExpressionException e) {
            return true; // the event does not name such a thing: it is about the person as a whole
        }
    }

    private void noteTaskDone(Event event) {
        if (!event.type().equals("task.completed")) {
            return;
        }
        Object done = event.data().get("task");
        if (done == null) {
            return;
        }
        String taskKey = done.toString().replaceFirst(":escalated$", "");
        if (tasks.removeIf(t -> t.key().equals(taskKey))) {
            cancelTimer(id + "#escalate:" + taskKey);
        }
    }

    /** Takes back open tasks whose work an event records as done (a milestone marked done in another tool). */
    private void closeTasksDoneElsewhere(Event event) {
        Map<String, Object> v = null;
        for (Iterator<OpenTask> it = tasks.iterator(); it.hasNext(); ) {
            OpenTask t = it.next();
            if (!(journey.step(t.step()).map(Step::kind).orElse(null) instanceof Step.Task task)) {
                continue;
            }
            for (Step.Awaited a : task.closedBy()) {
                if (!a.event().equals(event.type())) {
                    continue;
                }
                v = v == null ? vars(Optional.of(event)) : v;
                if (test(a.when(), v, "closed-by")) {
                    it.remove();
                    cancelTimer(id + "#escalate:" + t.key());
                    String reason = "done: " + event.type();
                    effects.add(new Effect.CloseTask(t.key(), reason));
                    if (t.escalated()) {
                        effects.add(new Effect.CloseTask(t.key() + ":escalated", reason));
                    }
                    break;
                }
            }
        }
    }

    private void refresh(Event event) {
        writableData().putAll(event.data());
        if (status == Status.ACTIVE
                && currentStep().map(s -> s.kind() instanceof Step.WaitUntil).orElse(false)) {
            Step s = currentStep().get();
            replanWaitUntil(s, (Step.WaitUntil) s.kind());
        }
    }

    private boolean checkGoal(Event event) {
        Optional<GoalRule> goal = journey.goal();
        if (goal.isEmpty() || !goalOpen) {
            return false;
        }
        boolean matched = false;
        Map<String, Object> v = vars(Optional.of(event));
        for (GoalRule.Awaited a : goal.get().events()) {
            if (a.event().equals(event.type()) && test(a.when(), v, "goal")) {
                if (goalSeen.add(a.event())) {
                    stepVars = null; // instance.goal_seen changed
                }
                matched = true;
            }
        }
        if (!matched) {
            return false;
        }
        boolean reached = !goal.get().all()
                || goalSeen.containsAll(goal.get().events().stream()
                        .map(GoalRule.Awaited::event)
                        .toList());
        if (!reached) {
            return false;
        }
        Optional<Object> value = goal.get().value().flatMap(c -> value(c, v));
        return reachGoal(value, event.type());
    }

    private boolean checkExit(Event event) {
        for (var exit : journey.exits()) {
            if (exit.event().equals(event.type()) && test(exit.when(), vars(Optional.of(event)), "exit")) {
                finish(Status.EXITED, "exit event " + event.type(), exit.barrier());
                return true;
            }
        }
        return false;
    }

    private void resumeWaitFor(Event event) {
        Optional<Step> current = currentStep();
        if (current.isEmpty() || !(current.get().kind() instanceof Step.WaitFor wf)) {
            return;
        }
        Map<String, Object> v = vars(Optional.of(event));
        for (Step.Awaited a : wf.events()) {
            if (a.event().equals(event.type()) && test(a.when(), v, "wait-for")) {
                cancelTimer(stepTimerId(current.get()));
                writableResults().put(current.get().id(), event.fields());
                Optional<String> then =
                        a.then().or(() -> journey.following(current.get()).map(Step::id));
                continueTo(then);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- timers

    private void stepTimerFired(Timer timer) {
        Optional<Step> current = currentStep();
        if (current.isEmpty() || !timer.id().equals(stepTimerId(current.get()))) {
            return;
        }
        Step s = current.get();
        if (s.kind() instanceof Step.WaitFor wf) {
            fact(Fact.Kind.STEP, Map.of("timeout", true));
            if (wf.onTimeout().isPresent()) {
                runFrom(wf.onTimeout().get());
            } else {
                finish(
                        Status.EXITED,
                        "no "
                                + String.join(
                                        " or ",
                                        wf.events().stream()
                                                .map(Step.Awaited::event)
                                                .toList()) + " in time",
                        wf.barrier());
            }
            return;
        }
        continueTo(journey.following(s).map(Step::id));
    }

    private void goalWindowClosed() {
        goalOpen = false;
        if (status == Status.AWAITING_GOAL || status == Status.HOLDOUT) {
            finish(Status.ENDED, "goal window closed", Optional.empty());
        }
    }

    private void escalate(Timer timer) {
        String taskKey = String.valueOf(timer.payload().get("task"));
        for (int i = 0; i < tasks.size(); i++) {
            OpenTask t = tasks.get(i);
            if (t.key().equals(taskKey) && !t.escalated()) {
                tasks.set(i, new OpenTask(t.key(), t.step(), t.role(), t.due(), true));
                String role = String.valueOf(timer.payload().get("role"));
                // the escalated task gets as long as the original had, counted the same way (business hours…)
                Span dueSpan = Span.tryParse(String.valueOf(timer.payload().get("due_span")))
                        .orElse(Span.ofHours(4));
                effects.add(new Effect.CreateTask(
                        taskKey + ":escalated",
                        id,
                        journey.id(),
                        t.step(),
                        contact,
                        community,
                        role,
                        "Escalated: " + timer.payload().getOrDefault("title", t.step()),
                        "Not done by " + t.role() + " in time; it was due " + t.due() + ".",
                        add(now, dueSpan),
                        Optional.empty(),
                        Optional.empty()));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("task", taskKey);
                detail.put("from_role", t.role());
                detail.put("to_role", role);
                fact(Fact.Kind.TASK_ESCALATED, detail);
            }
        }
    }

    // ---------------------------------------------------------------- the interpreter

    private void continueTo(Optional<String> next) {
        if (next.isPresent()) {
            runFrom(next.get());
        } else {
            stepsDone();
        }
    }

    private void runFrom(String firstStep) {
        Optional<String> next = Optional.of(firstStep);
        int executed = 0;
        while (next.isPresent() && status == Status.ACTIVE) {
            if (++executed > MAX_STEPS_PER_DECISION) {
                fail("more than " + MAX_STEPS_PER_DECISION + " steps without a wait; is there a loop?");
                return;
            }
            Optional<Step> s = journey.step(next.get());
            if (s.isEmpty()) {
                fail("step '" + next.get() + "' does not exist");
                return;
            }
            enter(s.get());
            try {
                next = execute(s.get());
            } catch (ExpressionException | ActionException e) {
                fail("step '" + s.get().id() + "': " + e.getMessage());
                return;
            }
        }
    }

    private void enter(Step s) {
        if (!s.stage().equals(stage)) {
            if (!stage.isEmpty()) {
                leaveStage("advanced", Optional.empty());
            }
            stage = s.stage();
            stageEnteredAt = now;
            step = s.id();
            fact(Fact.Kind.STAGE_ENTERED, Map.of());
        }
        step = s.id();
        visits.merge(s.id(), 1, Integer::sum);
        fact(Fact.Kind.STEP, Map.of("kind", s.kindName()));
    }

    /** Runs one step; returns the step to run next, or empty when the instance waits or ended. */
    private Optional<String> execute(Step s) {
        Optional<String> following = journey.following(s).map(Step::id);
        switch (s.kind()) {
            case Step.Send send -> send(s, send);
            case Step.Wait w -> {
                Span span = w.span().resolve(settings());
                Instant due = add(now, span);
                if (w.at().isPresent()) {
                    // "1d at 10:00" is the next day at ten; "2h at 10:00" the first ten o'clock two hours on
                    due = span.unit() == Span.Unit.DAYS || span.unit() == Span.Unit.WEEKS
                            ? due.atZone(zone())
                                    .toLocalDate()
                                    .atTime(w.at().get())
                                    .atZone(zone())
                                    .toInstant()
                            : Moments.atOrAfter(due, zone(), w.at().get());
                    if (due.isBefore(now)) {
                        due = Moments.atOrAfter(now, zone(), w.at().get());
                    }
                }
                schedule(stepTimer(s, due));
                return Optional.empty();
            }
            case Step.WaitUntil w -> {
                return waitUntil(s, w, following);
            }
            case Step.WaitFor w -> {
                w.timeout().ifPresent(t -> schedule(stepTimer(s, add(now, t.resolve(settings())))));
                return Optional.empty();
            }
            case Step.Branch b -> {
                Map<String, Object> v = vars(Optional.empty());
                for (Step.Arm arm : b.arms()) {
                    if (arm.when().isEmpty() || arm.when().get().test(v)) {
                        return Optional.of(arm.then());
                    }
                }
                return following;
            }
            case Step.Split split -> {
                return split(s, split);
            }
            case Step.Task t -> task(s, t);
            case Step.Update u -> {
                Map<String, Object> v = vars(Optional.empty());
                Map<String, Object> set = new LinkedHashMap<>();
                u.set().forEach((attr, expr) -> set.put(attr, expr.evaluate(v)));
                effects.add(new Effect.UpdateContact(contact, set));
            }
            case Step.Action a -> {
                return action(s, a, following);
            }
            case Step.Webhook w -> {
                Map<String, Object> payload = evaluateAll(w.payload());
                effects.add(new Effect.SendMessage(
                        messageKey(s),
                        id,
                        journey.id(),
                        s.id(),
                        Optional.of(contact),
                        Optional.empty(),
                        community,
                        List.of(Channel.WEBHOOK),
                        dev.threshold.engine.journey.Purpose.TRANSACTIONAL,
                        0,
                        Map.of(Channel.WEBHOOK, new Effect.Rendered(Optional.of(w.endpoint()), JsonText.of(payload)))));
            }
            case Step.Handoff h -> handoff(s, h);
            case Step.Emit e ->
                effects.add(new Effect.EmitEvent(new Event(
                        messageKey(s),
                        e.event(),
                        now,
                        Optional.of(contact),
                        community,
                        trigger.subject(),
                        evaluateAll(e.data()),
                        Optional.empty())));
            case Step.Goal g -> {
                Optional<Object> value = g.value().flatMap(c -> value(c, vars(Optional.empty())));
                if (reachGoal(value, "step " + s.id())) {
                    return Optional.empty();
                }
            }
            case Step.Exit e -> {
                finish(Status.EXITED, e.reason(), e.barrier());
                return Optional.empty();
            }
        }
        return following.isPresent() ? following : done();
    }

    private Optional<String> done() {
        stepsDone();
        return Optional.empty();
    }

    private void stepsDone() {
        if (status != Status.ACTIVE) {
            return;
        }
        step = "";
        if (goalOpen
                && journey.goal().isPresent()
                && journey.goal().get().within().isPresent()) {
            status = Status.AWAITING_GOAL;
        } else {
            finish(Status.ENDED, "all steps done", Optional.empty());
        }
    }

    private void send(Step s, Step.Send send) {
        switch (send.to()) {
            case Step.Recipient.Contact c ->
                effects.add(message(s, send, Optional.of(contact), Optional.empty(), messageKey(s), contactView()));
            case Step.Recipient.Staff staff ->
                effects.add(message(
                        s,
                        send,
                        Optional.empty(),
                        Optional.of(staff.role().resolve(settings())),
                        messageKey(s) + ":staff",
                        contactView()));
            case Step.Recipient.Parties p -> {
                Map<String, String> parties = parties();
                for (Map.Entry<String, String> party : parties.entrySet()) {
                    if (p.role().isPresent() && !p.role().get().equals(party.getValue())) {
                        continue;
                    }
                    ContactView who = party.getKey().equals(contact)
                            ? contactView()
                            : ctx.contact(party.getKey()).orElse(ContactView.minimal(party.getKey(), party.getValue()));
                    effects.add(message(
                            s,
                            send,
                            Optional.of(party.getKey()),
                            Optional.empty(),
                            messageKey(s) + ":" + party.getKey(),
                            who));
                }
            }
        }
    }

    /** The parties of the instance's thing; the contact alone when the journey is per person. */
    private Map<String, String> parties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> subject : trigger.subject().entrySet()) {
            if (subject.getValue().equals(key)) {
                out.putAll(ctx.parties(subject.getKey(), subject.getValue()));
            }
        }
        if (out.isEmpty()) {
            out.put(contact, "primary");
        }
        return out;
    }

    private Effect.SendMessage message(
            Step s,
            Step.Send send,
            Optional<String> recipient,
            Optional<String> staffRole,
            String messageKey,
            ContactView who) {
        Map<String, Object> v;
        if (who.id().equals(contact)) {
            v = vars(Optional.empty());
        } else {
            Map<String, Object> forParty = new HashMap<>(vars(Optional.empty()));
            forParty.put("contact", who.fields());
            forParty.put("recipient", forParty.get("contact"));
            v = forParty;
        }
        Map<Channel, Effect.Rendered> rendered = new EnumMap<>(Channel.class);
        for (Channel ch : send.channels()) {
            Step.Content content = ctx.copy(journey, s.id(), ch, community)
                    .orElse(send.content().get(ch));
            if (content != null) {
                rendered.put(
                        ch,
                        new Effect.Rendered(
                                content.subject().map(t -> t.render(v).strip()),
                                content.body().render(v).strip()));
            }
        }
        return new Effect.SendMessage(
                messageKey,
                id,
                journey.id(),
                s.id(),
                recipient,
                staffRole,
                community,
                send.channels(),
                send.purpose(),
                send.priority(),
                rendered);
    }

    private Optional<String> waitUntil(Step s, Step.WaitUntil w, Optional<String> following) {
        Optional<Instant[]> plan = planUntil(w);
        if (plan.isEmpty()) {
            throw new ExpressionException("wait-until: '" + w.date().source() + "' is not a date", null);
        }
        Instant base = plan.get()[0];
        Instant due = plan.get()[1];
        if (due.isAfter(now)) {
            schedule(stepTimer(s, due));
            return Optional.empty();
        }
        Optional<String> passed = whenPassed(w, base);
        if (passed.isPresent()) {
            return passed;
        }
        return following.isPresent() ? following : done();
    }

    /** Where a wait-until goes when its moment has passed: if-past for a past date, if-late for a late moment. */
    private Optional<String> whenPassed(Step.WaitUntil w, Instant base) {
        if (base.isBefore(now) && w.ifPast().isPresent()) {
            return w.ifPast();
        }
        return w.ifLate();
    }

    /** The date a wait-until refers to, and the moment it waits for. */
    private Optional<Instant[]> planUntil(Step.WaitUntil w) {
        Object raw = w.date().evaluate(vars(Optional.empty()));
        return Moments.parse(raw).map(when -> {
            Instant base = Moments.base(when, zone(), w.at());
            Instant due = add(base, w.offset().resolve(settings()));
            if (w.at().isPresent() && when instanceof Moments.When.At) {
                due = Moments.atOrAfter(due, zone(), w.at().get());
            }
            return new Instant[] {base, due};
        });
    }

    private void replanWaitUntil(Step s, Step.WaitUntil w) {
        Optional<Instant[]> plan;
        try {
            plan = planUntil(w);
        } catch (ExpressionException e) {
            return; // the refreshed data has no usable date; keep the plan we have
        }
        if (plan.isEmpty()) {
            return;
        }
        Instant due = plan.get()[1];
        Optional<Timer> current =
                timers.stream().filter(t -> t.id().equals(stepTimerId(s))).findFirst();
        if (current.isPresent() && current.get().due().equals(due)) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("replanned_to", due.toString());
        current.ifPresent(t -> detail.put("was", t.due().toString()));
        fact(Fact.Kind.STEP, detail);
        if (w.onChange().isPresent()) {
            cancelTimer(stepTimerId(s));
            runFrom(w.onChange().get());
        } else if (due.isAfter(now)) {
            schedule(stepTimer(s, due));
        } else {
            cancelTimer(stepTimerId(s));
            Optional<String> passed = whenPassed(w, plan.get()[0]);
            continueTo(passed.isPresent() ? passed : journey.following(s).map(Step::id));
        }
    }

    private Optional<String> split(Step s, Step.Split split) {
        String seed = contact + "|" + journey.id() + "|" + s.id();
        String variant = variants.get(s.id());
        if (variant == null) {
            if (StableHash.bucket(seed + "|holdout", 100) < split.holdoutPercent()) {
                variant = "holdout";
            } else {
                int total =
                        split.variants().stream().mapToInt(Step.Variant::weight).sum();
                int pick = StableHash.bucket(seed + "|variant", Math.max(1, total));
                for (Step.Variant candidate : split.variants()) {
                    pick -= candidate.weight();
                    if (pick < 0) {
                        variant = candidate.id();
                        break;
                    }
                }
            }
            variants.put(s.id(), variant);
            stepVars = null; // instance.variants changed
            fact(Fact.Kind.SPLIT, Map.of("variant", variant));
        }
        if (variant.equals("holdout")) {
            if (goalOpen && journey.goal().isPresent()) {
                status = Status.HOLDOUT;
                if (journey.goal().get().within().isEmpty()) {
                    finish(Status.ENDED, "holdout", Optional.empty());
                }
            } else {
                finish(Status.ENDED, "holdout", Optional.empty());
            }
            return Optional.empty();
        }
        String chosen = variant;
        return split.variants().stream()
                .filter(v -> v.id().equals(chosen))
                .findFirst()
                .map(Step.Variant::then);
    }

    private void task(Step s, Step.Task t) {
        String taskKey = messageKey(s);
        Map<String, Object> v = vars(Optional.empty());
        String role = t.role().resolve(settings());
        Instant due = add(now, t.due().resolve(settings()));
        Optional<Instant> escalateAt = t.escalate().map(e -> add(now, e.after().resolve(settings())));
        Optional<String> escalateTo = t.escalate().map(e -> e.role().resolve(settings()));
        String title = t.title().render(v).strip();
        effects.add(new Effect.CreateTask(
                taskKey,
                id,
                journey.id(),
                s.id(),
                contact,
                community,
                role,
                title,
                t.description().map(d -> d.render(v).strip()).orElse(""),
                due,
                escalateAt,
                escalateTo));
        tasks.add(new OpenTask(taskKey, s.id(), role, due, false));
        if (escalateAt.isPresent()) {
            schedule(new Timer(
                    id + "#escalate:" + taskKey,
                    contact,
                    Optional.of(id),
                    journey.id(),
                    Timer.Kind.ESCALATION,
                    escalateAt.get(),
                    Map.of(
                            "task",
                            taskKey,
                            "role",
                            escalateTo.get(),
                            "title",
                            title,
                            "due_span",
                            t.due().resolve(settings()).toString())));
        }
    }

    private Optional<String> action(Step s, Step.Action a, Optional<String> following) {
        DomainAction action = actions.find(a.name())
                .orElseThrow(() -> new ActionException("no action named '" + a.name() + "' is registered"));
        Map<String, Object> args = evaluateAll(a.with());
        try {
            Map<String, Object> result =
                    action.run(new ActionRequest(args, contactView(), communityView(), settings(), now, ctx));
            writableResults().put(a.as(), Values.normalizeMap(result));
            return following.isPresent() ? following : done();
        } catch (ActionException e) {
            if (a.onError().isPresent()) {
                writableResults().put(a.as(), Map.of("error", e.getMessage()));
                return a.onError();
            }
            throw e;
        }
    }

    private void handoff(Step s, Step.Handoff h) {
        Map<String, Object> payload = new LinkedHashMap<>(trigger.data());
        payload.putAll(evaluateAll(h.data()));
        payload.put("journey", h.journey());
        payload.put("from_journey", journey.id());
        payload.put("from_instance", id);
        payload.put("from_step", s.id());
        effects.add(new Effect.EmitEvent(new Event(
                messageKey(s) + ":handoff",
                "journey.handoff",
                now,
                Optional.of(contact),
                community,
                trigger.subject(),
                payload,
                Optional.of(h.journey()))));
        fact(Fact.Kind.HANDOFF, Map.of("to", h.journey()));
    }

    private boolean reachGoal(Optional<Object> value, String via) {
        if (!goalOpen && journey.goal().isPresent()) {
            return false;
        }
        goalOpen = false;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("via", via);
        detail.put("seconds", Duration.between(enteredAt, now).toSeconds());
        value.ifPresent(v -> detail.put("value", v));
        variants.forEach((splitStep, variant) -> detail.put("variant", variant));
        fact(Fact.Kind.GOAL, detail);
        Map<String, Object> emitted = new LinkedHashMap<>();
        emitted.put("journey", journey.id());
        emitted.put("instance", id);
        value.ifPresent(v -> emitted.put("value", v));
        effects.add(new Effect.EmitEvent(new Event(
                id + ":goal",
                "journey.goal_reached",
                now,
                Optional.of(contact),
                community,
                trigger.subject(),
                emitted,
                Optional.empty())));
        cancelTimer(id + "#goal");
        boolean keepGoing = journey.goal().map(GoalRule::continueAfter).orElse(false)
                && (status == Status.ACTIVE || status == Status.PAUSED);
        if (!keepGoing) {
            finish(Status.COMPLETED, "goal reached", Optional.empty());
            return true;
        }
        return false;
    }

    private void finish(Status end, String reason, Optional<String> barrier) {
        if (status.isTerminal()) {
            return;
        }
        String outcome = switch (end) {
            case COMPLETED -> "goal";
            case ENDED -> "ended";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            default -> "exited";
        };
        if (!stage.isEmpty()) {
            leaveStage(outcome, barrier);
        }
        status = end;
        for (Timer t : List.copyOf(timers)) {
            cancelTimer(t.id());
        }
        held.clear();
        // a journey that ran its course leaves its tasks to the staff; one that was cut short takes them back
        if (end != Status.ENDED && end != Status.FAILED) {
            for (OpenTask t : tasks) {
                effects.add(new Effect.CloseTask(t.key(), reason));
            }
        }
        tasks.clear();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason);
        barrier.ifPresent(b -> detail.put("barrier", b));
        detail.put("seconds", Duration.between(enteredAt, now).toSeconds());
        Fact.Kind kind = switch (end) {
            case COMPLETED -> Fact.Kind.COMPLETED;
            case ENDED -> Fact.Kind.ENDED;
            case CANCELLED -> Fact.Kind.CANCELLED;
            case FAILED -> Fact.Kind.FAILED;
            default -> Fact.Kind.EXITED;
        };
        fact(kind, detail);
        step = "";
    }

    private void fail(String reason) {
        finish(Status.FAILED, reason, Optional.empty());
    }

    private void leaveStage(String outcome, Optional<String> barrier) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", outcome);
        detail.put("seconds", Duration.between(stageEnteredAt, now).toSeconds());
        barrier.ifPresent(b -> detail.put("barrier", b));
        fact(Fact.Kind.STAGE_LEFT, detail);
    }

    // ---------------------------------------------------------------- helpers

    /** The instance data, copied the first time this decision writes it (most decisions only read it). */
    private Map<String, Object> writableData() {
        if (!dataWritable) {
            data = new LinkedHashMap<>(data);
            dataWritable = true;
            stepVars = null;
        }
        return data;
    }

    private Map<String, Object> writableResults() {
        if (!resultsWritable) {
            results = new LinkedHashMap<>(results);
            resultsWritable = true;
            stepVars = null;
        }
        return results;
    }

    private Optional<Step> currentStep() {
        return step.isEmpty() ? Optional.empty() : journey.step(step);
    }

    private String messageKey(Step s) {
        return id + ":" + s.id() + ":" + visits.getOrDefault(s.id(), 1);
    }

    private String stepTimerId(Step s) {
        return id + "#step:" + s.id() + ":" + visits.getOrDefault(s.id(), 1);
    }

    private Timer stepTimer(Step s, Instant due) {
        return new Timer(stepTimerId(s), contact, Optional.of(id), journey.id(), Timer.Kind.STEP, due, Map.of());
    }

    private void schedule(Timer timer) {
        timers.removeIf(t -> t.id().equals(timer.id()));
        timers.add(timer);
        effects.add(new Effect.ScheduleTimer(timer));
    }

    private void cancelTimer(String timerId) {
        if (timers.removeIf(t -> t.id().equals(timerId))) {
            effects.add(new Effect.CancelTimer(timerId));
        }
    }

    private Instant add(Instant from, Span span) {
        return span.addTo(from, zone(), calendar());
    }

    private boolean test(Optional<Condition> condition, Map<String, Object> vars, String what) {
        if (condition.isEmpty()) {
            return true;
        }
        try {
            return condition.get().test(vars);
        } catch (ExpressionException e) {
            return false; // a field the event lacks: the condition does not hold for it
        }
    }

    private Optional<Object> value(Condition c, Map<String, Object> vars) {
        try {
            return Optional.ofNullable(c.evaluate(vars)).map(Values::normalize);
        } catch (ExpressionException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> evaluateAll(Map<String, Condition> expressions) {
        Map<String, Object> v = vars(Optional.empty());
        Map<String, Object> out = new LinkedHashMap<>();
        expressions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), Values.normalize(e.getValue().evaluate(v))));
        return out;
    }

    private void fact(Fact.Kind kind, Map<String, Object> detail) {
        effects.add(new Effect.RecordFact(new Fact(
                kind,
                now,
                journey.id(),
                journey.version(),
                id,
                contact,
                community,
                stage.isEmpty() ? Optional.empty() : Optional.of(stage),
                step.isEmpty() ? Optional.empty() : Optional.of(step),
                detail)));
    }

    private ContactView contactView() {
        if (contactView == null) {
            contactView = ctx.contact(contact).orElse(ContactView.minimal(contact, "unknown"));
        }
        return contactView;
    }

    private Optional<CommunityView> communityView() {
        if (communityView == null) {
            communityView = community.or(() -> contactView().community()).flatMap(ctx::community);
        }
        return communityView;
    }

    private Map<String, Object> settings() {
        if (settings == null) {
            settings = ctx.settings(journey, community);
        }
        return settings;
    }

    private ZoneId zone() {
        if (zone == null) {
            zone = ctx.zoneOf(contactView());
        }
        return zone;
    }

    private BusinessCalendar calendar() {
        if (calendar == null) {
            calendar = ctx.calendar(community.or(() -> contactView().community()), zone());
        }
        return calendar;
    }

    /** The variables of conditions and templates; {@code event} is the given event, else the trigger. */
    Map<String, Object> vars(Optional<Event> event) {
        if (event.isEmpty()) {
            if (stepVars == null) {
                stepVars = java.util.Collections.unmodifiableMap(variables(trigger));
            }
            return stepVars; // data and results are live maps inside it, so it stays current
        }
        return variables(event.get());
    }

    private Map<String, Object> variables(Event event) {
        return Variables.of(
                contactView(), communityView(), event, trigger, data, results, settings(), instanceFields(), now);
    }

    private Map<String, Object> instanceFields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("journey", journey.id());
        f.put("version", (long) journey.version());
        f.put("key", key);
        f.put("entered_at", enteredAt.toString());
        f.put("variants", Map.copyOf(variants));
        // the parts of the goal reached so far, so a reminder can ask only for what is still missing
        f.put("goal_seen", goalSeen.stream().sorted().toList());
        return f;
    }

    /** For date triggers: the event a timer carried. */
    static Event carried(Timer timer) {
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) timer.payload().get("event");
        return EventCodec.fromMap(e);
    }
}
