package dev.threshold.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.expr.Expressions;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.expr.Templates;
import dev.threshold.engine.expr.TextTemplate;
import dev.threshold.engine.journey.Audience;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.Category;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.EntryRule;
import dev.threshold.engine.journey.ExitRule;
import dev.threshold.engine.journey.GoalRule;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Param;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.journey.Stage;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.engine.time.Span;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one located YAML tree into a {@link Journey}, compiling its expressions and templates and checking
 * what the schema cannot. Defensive: a part the schema already rejected is skipped, so the checks of the
 * other parts still run and every problem of the file is reported at once.
 */
final class JourneyCompiler {

    /** What compiling needs besides the document; shared by all files a loader reads. */
    record Tools(
            EventCatalog events,
            ActionRegistry actions,
            FairHousingPolicy fairHousing,
            Expressions expressions,
            Templates templates) {
        Tools(EventCatalog events, ActionRegistry actions, FairHousingPolicy fairHousing) {
            this(events, actions, fairHousing, new Expressions(), new Templates());
        }
    }

    private static final Set<String> STEP_KINDS = new LinkedHashSet<>(List.of(
            "send",
            "wait",
            "wait-until",
            "wait-for",
            "branch",
            "split",
            "task",
            "update",
            "action",
            "webhook",
            "handoff",
            "emit",
            "goal",
            "exit"));
    private static final String HANDOFF_EVENT = "journey.handoff";

    private final LocatedYaml doc;
    private final Tools tools;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private Shape entryShape = Shape.open("entry");

    JourneyCompiler(LocatedYaml doc, Tools tools) {
        this.doc = doc;
        this.tools = tools;
    }

    List<Problem> problems() {
        return problems;
    }

    Optional<Journey> compile() {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            error(root, "a journey is a mapping with id, name, category, trigger, map and steps");
            return Optional.empty();
        }
        String id = text(root, "id").orElse("");
        readSettings(root.path("settings"));
        readStages(root.path("map").path("stages"));
        List<Trigger> triggers = readTriggers(root.path("trigger"));
        EntryRule entry = readEntry(root.path("entry"));
        if (entry.handoffs()) {
            entryShape = entryShape.union(eventShape(HANDOFF_EVENT, root));
        }
        Audience audience = readAudience(root.path("audience"));
        Optional<Condition> key = optionalCel(root.path("key"), entryShape, Expressions.Expect.ANY);
        List<String> track = new ArrayList<>();
        root.path("track").forEach(t -> {
            knownEvent(t);
            track.add(t.asText());
        });
        Optional<GoalRule> goal = readGoal(root.path("goal"));
        List<ExitRule> exits = readExits(root.path("exit"));
        List<Step> steps = readSteps(root.path("steps"));
        checkGraph(steps, root.path("steps"));
        int version = root.path("version").asInt(1);
        List<Journey.Migration> migrations = readMigrations(root.path("migrations"), steps, version);
        Journey.Takeover takeover = switch (root.path("takeover").asText("pause")) {
            case "continue" -> Journey.Takeover.CONTINUE;
            case "end" -> Journey.Takeover.END;
            default -> Journey.Takeover.PAUSE;
        };
        Category category = switch (root.path("category").asText("custom")) {
            case "activation" -> Category.ACTIVATION;
            case "onboarding" -> Category.ONBOARDING;
            case "retention" -> Category.RETENTION;
            case "growth" -> Category.GROWTH;
            default -> Category.CUSTOM;
        };
        if (problems.stream().anyMatch(Problem::isError) || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Journey(
                id,
                text(root, "name").orElse(id),
                version,
                category,
                text(root, "promise").orElse(""),
                text(root, "description").orElse(""),
                audience,
                key,
                triggers,
                entry,
                track,
                goal,
                exits,
                takeover,
                settings,
                List.copyOf(stages.values()),
                steps,
                migrations));
    }

    // ------------------------------------------------------------------ settings and map

    private void readSettings(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isIntegralNumber()) {
                settings.put(e.getKey(), v.asLong());
            } else if (v.isNumber()) {
                settings.put(e.getKey(), v.asDouble());
            } else if (v.isBoolean()) {
                settings.put(e.getKey(), v.asBoolean());
            } else if (v.isTextual()) {
                settings.put(e.getKey(), v.asText());
            }
        }
    }

    private void readStages(JsonNode node) {
        for (JsonNode s : node) {
            Optional<String> id = text(s, "id");
            if (id.isEmpty()) {
                continue;
            }
            if (stages.containsKey(id.get())) {
                error(s.path("id"), "stage '" + id.get() + "' is defined twice");
                continue;
            }
            stages.put(
                    id.get(),
                    new Stage(
                            id.get(),
                            text(s, "name").orElse(id.get()),
                            text(s, "action").orElse(""),
                            text(s, "motivation").orElse(""),
                            text(s, "emotions").orElse(""),
                            strings(s.path("questions")),
                            strings(s.path("barriers"))));
        }
    }

    // ------------------------------------------------------------------ triggers, audience, entry, goal, exits

    private List<Trigger> readTriggers(JsonNode node) {
        List<Trigger> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject()) {
            items.add(node);
        }
        // the entry shape must be known before conditions that read the trigger event are compiled
        Shape shape = null;
        for (JsonNode t : items) {
            for (String type : triggerEventTypes(t)) {
                Shape s = eventShape(type, t);
                shape = shape == null ? s : shape.union(s);
            }
        }
        entryShape = shape == null ? Shape.open("entry") : shape;
        for (JsonNode t : items) {
            readTrigger(t).ifPresent(out::add);
        }
        return out;
    }

    private static List<String> triggerEventTypes(JsonNode t) {
        List<String> types = new ArrayList<>();
        if (t.has("event")) {
            types.add(t.path("event").asText());
        }
        t.path("date").path("events").forEach(e -> types.add(e.asText()));
        if (t.has("absence")) {
            types.add(t.path("absence").path("event").asText());
        }
        t.path("history").forEach(h -> types.add(h.path("event").asText()));
        if (t.has("fanout")) {
            types.add(t.path("fanout").path("event").asText());
        }
        types.removeIf(String::isEmpty);
        return types;
    }

    private Optional<Trigger> readTrigger(JsonNode t) {
        if (t.has("event")) {
            knownEvent(t.path("event"));
            Shape shape = eventShape(t.path("event").asText(), t);
            return Optional.of(new Trigger.OnEvent(
                    t.path("event").asText(), optionalCel(t.path("when"), shape, Expressions.Expect.BOOL)));
        }
        if (t.has("date")) {
            JsonNode d = t.path("date");
            List<String> sources = new ArrayList<>();
            Shape shape = null;
            for (JsonNode e : d.path("events")) {
                knownEvent(e);
                sources.add(e.asText());
                Shape s = eventShape(e.asText(), e);
                shape = shape == null ? s : shape.union(s);
            }
            Shape dateShape = shape == null ? Shape.open("date") : shape;
            Optional<Condition> date = optionalCel(d.path("of"), dateShape, Expressions.Expect.ANY);
            Param<Span> offset = d.has("offset") ? span(d.path("offset")) : new Param.Fixed<>(Span.ofDays(0));
            Optional<Condition> when = optionalCel(t.path("when"), dateShape, Expressions.Expect.BOOL);
            return date.map(c -> new Trigger.OnDate(sources, c, offset, timeOfDay(d.path("at")), when));
        }
        if (t.has("absence")) {
            JsonNode a = t.path("absence");
            knownEvent(a.path("event"));
            JsonNode regular = a.path("regular");
            return Optional.of(new Trigger.OnAbsence(
                    a.path("event").asText(),
                    span(a.path("for")),
                    regular.path("count").asInt(0),
                    regular.has("within") ? fixedSpan(regular.path("within")) : Optional.empty()));
        }
        if (t.has("history")) {
            List<Trigger.HistoryRule> rules = new ArrayList<>();
            for (JsonNode r : t.path("history")) {
                knownEvent(r.path("event"));
                Shape shape = eventShape(r.path("event").asText(), r);
                Optional<Span> within = fixedSpan(r.path("within"));
                rules.add(new Trigger.HistoryRule(
                        r.path("event").asText(),
                        optionalCel(r.path("when"), shape, Expressions.Expect.BOOL),
                        r.path("at_least").asInt(1),
                        within.orElse(Span.ofDays(1))));
            }
            return Optional.of(
                    new Trigger.OnHistory(rules, optionalCel(t.path("when"), entryShape, Expressions.Expect.BOOL)));
        }
        if (t.has("fanout")) {
            JsonNode f = t.path("fanout");
            knownEvent(f.path("event"));
            Shape shape = eventShape(f.path("event").asText(), f);
            List<AudienceQuery.Criterion> where = new ArrayList<>();
            for (JsonNode w : f.path("where")) {
                String pref = w.path("preference").asText();
                if (tools.fairHousing().isProtected(pref)) {
                    error(
                            w.path("preference"),
                            "fan-out on the preference '" + pref + "' targets a protected"
                                    + " characteristic under the Fair Housing Act; target on stated housing needs instead");
                }
                AudienceQuery.Op op = switch (w.path("op").asText("eq")) {
                    case "gte" -> AudienceQuery.Op.GTE;
                    case "lte" -> AudienceQuery.Op.LTE;
                    default -> AudienceQuery.Op.EQ;
                };
                optionalCel(w.path("value"), shape, Expressions.Expect.ANY)
                        .ifPresent(c -> where.add(new AudienceQuery.Criterion(pref, op, c)));
            }
            AudienceQuery.Scope scope = switch (f.path("scope").asText("community")) {
                case "portfolio" -> AudienceQuery.Scope.PORTFOLIO;
                case "any" -> AudienceQuery.Scope.ANY;
                default -> AudienceQuery.Scope.COMMUNITY;
            };
            AudienceQuery query = new AudienceQuery(
                    new LinkedHashSet<>(strings(f.path("roles"))),
                    scope,
                    f.has("inactive_for") ? fixedSpan(f.path("inactive_for")) : Optional.empty(),
                    where);
            return Optional.of(new Trigger.OnFanout(
                    f.path("event").asText(), query, optionalCel(t.path("when"), shape, Expressions.Expect.BOOL)));
        }
        return Optional.empty();
    }

    private Audience readAudience(JsonNode node) {
        if (node.isMissingNode()) {
            return Audience.anyone();
        }
        if (node.isTextual()) {
            return new Audience(Set.of(node.asText()), Optional.empty());
        }
        if (node.isArray()) {
            return new Audience(new LinkedHashSet<>(strings(node)), Optional.empty());
        }
        return new Audience(
                new LinkedHashSet<>(strings(node.path("roles"))),
                optionalCel(node.path("when"), entryShape, Expressions.Expect.BOOL));
    }

    private EntryRule readEntry(JsonNode node) {
        String reentry = node.path("reentry").asText("when-done").trim();
        boolean handoffs = node.path("handoffs").asBoolean(true);
        if (reentry.startsWith("after ")) {
            String text = reentry.substring("after ".length());
            Optional<Span> cooldown = Span.tryParse(text);
            if (cooldown.isEmpty() || cooldown.get().isNegative()) {
                error(node.path("reentry"), "'" + text + "' is not a cool-down; expected e.g. 'after 30d'");
            }
            return new EntryRule(EntryRule.Reentry.AFTER, cooldown, handoffs);
        }
        EntryRule.Reentry r = switch (reentry) {
            case "once" -> EntryRule.Reentry.ONCE;
            case "always" -> EntryRule.Reentry.ALWAYS;
            default -> EntryRule.Reentry.WHEN_DONE;
        };
        return new EntryRule(r, Optional.empty(), handoffs);
    }

    private Optional<GoalRule> readGoal(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        List<GoalRule.Awaited> awaited = new ArrayList<>();
        boolean all = node.has("all");
        List<JsonNode> items = new ArrayList<>();
        if (node.has("event")) {
            items.add(node);
        }
        node.path("all").forEach(items::add);
        node.path("any").forEach(items::add);
        Shape union = null;
        for (JsonNode a : items) {
            knownEvent(a.path("event"));
            Shape shape = eventShape(a.path("event").asText(), a);
            union = union == null ? shape : union.union(shape);
            awaited.add(new GoalRule.Awaited(
                    a.path("event").asText(), optionalCel(a.path("when"), shape, Expressions.Expect.BOOL)));
        }
        Optional<Param<Span>> within = node.has("within") ? Optional.of(span(node.path("within"))) : Optional.empty();
        Optional<Condition> value =
                optionalCel(node.path("value"), union == null ? Shape.open("goal") : union, Expressions.Expect.ANY);
        return Optional.of(
                new GoalRule(awaited, all, within, value, node.path("continue").asBoolean(false)));
    }

    private List<ExitRule> readExits(JsonNode node) {
        List<ExitRule> out = new ArrayList<>();
        for (JsonNode e : node) {
            knownEvent(e.path("event"));
            Shape shape = eventShape(e.path("event").asText(), e);
            Optional<String> barrier = text(e, "barrier");
            barrier.ifPresent(b -> knownBarrier(e.path("barrier"), b, Optional.empty()));
            out.add(new ExitRule(
                    e.path("event").asText(), optionalCel(e.path("when"), shape, Expressions.Expect.BOOL), barrier));
        }
        return out;
    }

    // ------------------------------------------------------------------ steps

    private List<Step> readSteps(JsonNode node) {
        List<Step> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String stage = "";
        for (JsonNode s : node) {
            Optional<String> id = text(s, "id");
            if (id.isEmpty()) {
                continue;
            }
            if (!ids.add(id.get())) {
                error(s.path("id"), "step '" + id.get() + "' is defined twice");
            }
            if (s.has("stage")) {
                stage = s.path("stage").asText();
                if (!stages.containsKey(stage)) {
                    error(
                            s.path("stage"),
                            "stage '" + stage + "' is not in the map; map stages: "
                                    + String.join(", ", stages.keySet()));
                }
            } else if (stage.isEmpty()) {
                error(
                        s,
                        "step '" + id.get() + "' has no stage; the first step must name its map stage"
                                + " (later steps stay in the stage before them)");
            }
            List<String> kinds = new ArrayList<>();
            s.fieldNames().forEachRemaining(f -> {
                if (STEP_KINDS.contains(f)) {
                    kinds.add(f);
                }
            });
            if (kinds.size() != 1) {
                error(
                        s,
                        "step '" + id.get() + "' must do exactly one thing, one of " + String.join(", ", STEP_KINDS)
                                + (kinds.isEmpty() ? "; it has none" : "; it has " + String.join(" and ", kinds)));
                continue;
            }
            Optional<Step.Kind> kind = readKind(kinds.get(0), s.path(kinds.get(0)), stage, id.get());
            Optional<String> next = text(s, "next");
            if (kind.isPresent()) {
                out.add(new Step(id.get(), stage, next, kind.get()));
            }
        }
        return out;
    }

    private Optional<Step.Kind> readKind(String kind, JsonNode n, String stage, String stepId) {
        return switch (kind) {
            case "send" -> readSend(n, stepId);
            case "wait" ->
                n.isTextual()
                        ? Optional.of(new Step.Wait(span(n), Optional.empty()))
                        : Optional.of(new Step.Wait(span(n.path("for")), timeOfDay(n.path("at"))));
            case "wait-until" ->
                optionalCel(n.path("date"), entryShape, Expressions.Expect.ANY)
                        .map(date -> new Step.WaitUntil(
                                date,
                                n.has("offset") ? span(n.path("offset")) : new Param.Fixed<>(Span.ofDays(0)),
                                timeOfDay(n.path("at")),
                                text(n, "if-past"),
                                text(n, "if-late"),
                                text(n, "on-change")));
            case "wait-for" -> readWaitFor(n, stage);
            case "branch" -> {
                List<Step.Arm> arms = new ArrayList<>();
                for (JsonNode arm : n) {
                    arms.add(new Step.Arm(
                            optionalCel(arm.path("when"), entryShape, Expressions.Expect.BOOL),
                            arm.path("goto").asText()));
                }
                yield Optional.of(new Step.Branch(arms));
            }
            case "split" -> {
                List<Step.Variant> variants = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (JsonNode v : n.path("variants")) {
                    String vid = v.path("id").asText();
                    if (!seen.add(vid) || vid.equals("holdout")) {
                        error(v.path("id"), "variant id '" + vid + "' is used twice or reserved (holdout)");
                    }
                    variants.add(new Step.Variant(
                            vid, v.path("weight").asInt(1), v.path("goto").asText()));
                }
                yield Optional.of(new Step.Split(variants, n.path("holdout").asInt(0)));
            }
            case "task" -> {
                Optional<TextTemplate> title = template(n.path("title"));
                Optional<TextTemplate> description =
                        n.has("description") ? template(n.path("description")) : Optional.empty();
                Param<Span> due = n.has("due") ? span(n.path("due")) : new Param.Fixed<>(Span.ofHours(24));
                Optional<Step.Escalation> escalate = n.has("escalate")
                        ? Optional.of(new Step.Escalation(
                                span(n.path("escalate").path("after")),
                                role(n.path("escalate").path("role"))))
                        : Optional.empty();
                List<Step.Awaited> closedBy = new ArrayList<>();
                for (JsonNode a : n.path("closed-by")) {
                    knownEvent(a.path("event"));
                    closedBy.add(new Step.Awaited(
                            a.path("event").asText(),
                            optionalCel(
                                    a.path("when"), eventShape(a.path("event").asText(), a), Expressions.Expect.BOOL),
                            Optional.empty()));
                }
                yield title.map(t -> new Step.Task(role(n.path("role")), t, description, due, escalate, closedBy));
            }
            case "update" -> Optional.of(new Step.Update(expressions(n)));
            case "action" -> readAction(n, stepId);
            case "webhook" ->
                Optional.of(new Step.Webhook(n.path("endpoint").asText(), expressions(n.path("payload"))));
            case "handoff" ->
                n.isTextual()
                        ? Optional.of(new Step.Handoff(n.asText(), Map.of()))
                        : Optional.of(new Step.Handoff(n.path("journey").asText(), expressions(n.path("data"))));
            case "emit" -> {
                knownEvent(n.path("event"));
                yield Optional.of(new Step.Emit(n.path("event").asText(), expressions(n.path("data"))));
            }
            case "goal" ->
                Optional.of(new Step.Goal(
                        n.isObject()
                                ? optionalCel(n.path("value"), entryShape, Expressions.Expect.ANY)
                                : Optional.empty()));
            case "exit" -> {
                if (n.isObject()) {
                    Optional<String> barrier = text(n, "barrier");
                    barrier.ifPresent(b -> knownBarrier(n.path("barrier"), b, Optional.of(stage)));
                    yield Optional.of(new Step.Exit(text(n, "reason").orElse("exit step " + stepId), barrier));
                }
                yield Optional.of(new Step.Exit(n.isTextual() ? n.asText() : "exit step " + stepId, Optional.empty()));
            }
            default -> Optional.empty();
        };
    }

    private Optional<Step.Kind> readSend(JsonNode n, String stepId) {
        List<Channel> channels = new ArrayList<>();
        for (JsonNode c : n.path("channels")) {
            Channel.parse(c.asText()).ifPresent(channels::add);
        }
        Map<Channel, Step.Content> content = new EnumMap<>(Channel.class);
        for (Channel ch : List.of(Channel.EMAIL, Channel.SMS, Channel.PORTAL)) {
            JsonNode c = n.path(ch.id());
            if (c.isMissingNode()) {
                if (channels.contains(ch)) {
                    error(
                            n.path("channels"),
                            "step '" + stepId + "' sends on " + ch.id() + " but has no " + ch.id() + " text; add '"
                                    + ch.id() + ":'");
                }
                continue;
            }
            if (!channels.contains(ch)) {
                warning(
                        c,
                        "step '" + stepId + "' has " + ch.id() + " text but does not list " + ch.id()
                                + " in its channels; the text is never sent");
            }
            if (c.isTextual()) {
                template(c).ifPresent(t -> content.put(ch, new Step.Content(Optional.empty(), t)));
            } else {
                Optional<TextTemplate> subject = c.has("subject") ? template(c.path("subject")) : Optional.empty();
                if (ch == Channel.EMAIL && !c.has("subject")) {
                    error(c, "the email of step '" + stepId + "' needs a subject");
                }
                template(c.path("body")).ifPresent(b -> content.put(ch, new Step.Content(subject, b)));
            }
        }
        Step.Recipient to;
        JsonNode t = n.path("to");
        if (t.isObject() && t.has("staff")) {
            to = new Step.Recipient.Staff(role(t.path("staff")));
        } else if (t.isObject() && t.has("party")) {
            to = new Step.Recipient.Parties(Optional.of(t.path("party").asText()));
        } else if (t.asText("contact").equals("parties")) {
            to = new Step.Recipient.Parties(Optional.empty());
        } else {
            to = new Step.Recipient.Contact();
        }
        Purpose purpose = n.path("purpose").asText("marketing").equals("transactional")
                ? Purpose.TRANSACTIONAL
                : Purpose.MARKETING;
        return Optional.of(
                new Step.Send(to, channels, purpose, n.path("priority").asInt(50), content));
    }

    private Optional<Step.Kind> readWaitFor(JsonNode n, String stage) {
        List<Step.Awaited> awaited = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (n.has("event")) {
            items.add(n);
        }
        n.path("any").forEach(items::add);
        for (JsonNode a : items) {
            knownEvent(a.path("event"));
            Shape shape = eventShape(a.path("event").asText(), a);
            awaited.add(new Step.Awaited(
                    a.path("event").asText(),
                    optionalCel(a.path("when"), shape, Expressions.Expect.BOOL),
                    text(a, "then")));
        }
        Optional<String> barrier = text(n, "barrier");
        barrier.ifPresent(b -> knownBarrier(n.path("barrier"), b, Optional.of(stage)));
        return Optional.of(new Step.WaitFor(
                awaited,
                n.has("timeout") ? Optional.of(span(n.path("timeout"))) : Optional.empty(),
                text(n, "on-timeout"),
                barrier));
    }

    private Optional<Step.Kind> readAction(JsonNode n, String stepId) {
        String name = n.path("name").asText();
        Optional<DomainAction> action = tools.actions().find(name);
        if (action.isEmpty()) {
            error(
                    n.path("name"),
                    "there is no action named '" + name + "'; registered actions: "
                            + (tools.actions().names().isEmpty()
                                    ? "none"
                                    : String.join(", ", tools.actions().names())));
        } else if (!action.get().parameters().isEmpty()) {
            for (Iterator<String> it = n.path("with").fieldNames(); it.hasNext(); ) {
                String p = it.next();
                if (!action.get().parameters().contains(p)) {
                    error(
                            n.path("with").path(p),
                            "action '" + name + "' has no parameter '" + p + "'; it takes "
                                    + String.join(
                                            ", ", new TreeSet<>(action.get().parameters())));
                }
            }
        }
        return Optional.of(new Step.Action(
                name,
                expressions(n.path("with")),
                text(n, "as").orElse(stepId.replace('-', '_')),
                text(n, "on-error")));
    }

    // ------------------------------------------------------------------ the step graph

    private void checkGraph(List<Step> steps, JsonNode stepsNode) {
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        stepsNode.forEach(s -> nodes.putIfAbsent(s.path("id").asText(), s)); // a duplicate is reported elsewhere
        Map<String, Step> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.putIfAbsent(s.id(), s));
        List<String> order = new ArrayList<>(nodes.keySet());
        for (Step s : steps) {
            for (String target : targets(s, order, false)) {
                if (!byId.containsKey(target) && nodes.containsKey(s.id()) && !nodes.containsKey(target)) {
                    error(
                            nodes.get(s.id()),
                            "step '" + s.id() + "' goes to '" + target
                                    + "', which is not a step of this journey; steps: "
                                    + String.join(", ", nodes.keySet()));
                }
            }
        }
        if (order.isEmpty()) {
            return;
        }
        // a step that did not compile is taken to fall through, so it hides nothing behind it
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(order.get(0)));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!reached.add(id) || !nodes.containsKey(id)) {
                continue;
            }
            if (byId.containsKey(id)) {
                todo.addAll(targets(byId.get(id), order, true));
            } else {
                int i = order.indexOf(id);
                Optional<String> next = text(nodes.get(id), "next");
                next.or(() -> i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty())
                        .ifPresent(todo::add);
            }
        }
        for (Step s : steps) {
            if (!reached.contains(s.id())) {
                error(nodes.get(s.id()), "step '" + s.id() + "' can never be reached: no step goes to it");
            }
        }
        Set<String> used = new HashSet<>();
        steps.forEach(s -> used.add(s.stage()));
        for (Stage stage : stages.values()) {
            if (!used.contains(stage.id())) {
                JsonNode at = doc.root().path("map").path("stages");
                for (JsonNode st : at) {
                    if (st.path("id").asText().equals(stage.id())) {
                        warning(st, "map stage '" + stage.id() + "' has no step");
                    }
                }
            }
        }
    }

    /** Where a step can lead; {@code withFollowing} includes the implicit next step. */
    private static List<String> targets(Step s, List<String> order, boolean withFollowing) {
        List<String> out = new ArrayList<>();
        int i = order.indexOf(s.id());
        Optional<String> following =
                s.next().or(() -> i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty());
        s.next().ifPresent(out::add);
        boolean fallsThrough = true;
        switch (s.kind()) {
            case Step.Branch b -> {
                b.arms().forEach(a -> out.add(a.then()));
                fallsThrough = b.arms().stream().allMatch(a -> a.when().isPresent());
            }
            case Step.Split sp -> {
                sp.variants().forEach(v -> out.add(v.then()));
                fallsThrough = false;
            }
            case Step.WaitFor w -> {
                w.events().forEach(a -> a.then().ifPresent(out::add));
                w.onTimeout().ifPresent(out::add);
            }
            case Step.WaitUntil w -> {
                w.ifPast().ifPresent(out::add);
                w.ifLate().ifPresent(out::add);
                w.onChange().ifPresent(out::add);
            }
            case Step.Action a -> a.onError().ifPresent(out::add);
            case Step.Exit e -> fallsThrough = false;
            default -> {}
        }
        if (withFollowing && fallsThrough) {
            following.ifPresent(out::add);
        }
        return out;
    }

    private List<Journey.Migration> readMigrations(JsonNode node, List<Step> steps, int version) {
        List<Journey.Migration> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        steps.forEach(s -> ids.add(s.id()));
        for (JsonNode m : node) {
            int from = m.path("from").asInt();
            if (from >= version) {
                error(m.path("from"), "a migration must come from an earlier version than " + version);
            }
            Map<String, String> mapping = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("steps").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!ids.contains(e.getValue().asText())) {
                    error(
                            e.getValue(),
                            "migration maps '" + e.getKey() + "' to '"
                                    + e.getValue().asText() + "', which is not a step of version " + version);
                }
                mapping.put(e.getKey(), e.getValue().asText());
            }
            out.add(new Journey.Migration(from, mapping));
        }
        return out;
    }

    // ------------------------------------------------------------------ values

    private Shape eventShape(String type, JsonNode at) {
        return tools.events().find(type).map(EventType::shape).orElse(Shape.open(type));
    }

    private void knownEvent(JsonNode node) {
        if (!node.isTextual()) {
            return;
        }
        String type = node.asText();
        if (tools.events().find(type).isEmpty()) {
            error(
                    node,
                    "unknown event type '" + type + "'; it needs a schema in schema/events/" + type + ".json"
                            + nearest(type, tools.events().names()));
        }
    }

    private static String nearest(String type, Set<String> known) {
        String prefix = type.contains(".") ? type.substring(0, type.indexOf('.') + 1) : type;
        List<String> similar =
                known.stream().filter(k -> k.startsWith(prefix)).limit(8).toList();
        return similar.isEmpty() ? "" : " (did you mean " + String.join(", ", similar) + "?)";
    }

    private void knownBarrier(JsonNode node, String barrier, Optional<String> stage) {
        Set<String> allowed = new LinkedHashSet<>();
        if (stage.isPresent() && stages.containsKey(stage.get())) {
            allowed.addAll(stages.get(stage.get()).barriers());
        } else {
            stages.values().forEach(s -> allowed.addAll(s.barriers()));
        }
        if (!allowed.contains(barrier)) {
            error(
                    node,
                    "barrier '" + barrier + "' is not among the barriers of "
                            + stage.map(s -> "stage '" + s + "'").orElse("the map") + ": "
                            + String.join(", ", allowed));
        }
    }

    private Expressions.Scope scope(Shape event) {
        return new Expressions.Scope(event, entryShape, ContactView.SHAPE, CommunityView.SHAPE);
    }

    private Optional<Condition> optionalCel(JsonNode node, Shape event, Expressions.Expect expect) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        Expressions.Compilation c = tools.expressions().compile(node.asText(), scope(event), expect);
        for (Expressions.Issue issue : c.issues()) {
            int[] at = doc.whereInside(node, issue.line(), issue.column());
            problems.add(new Problem(
                    doc.name(),
                    at[0],
                    at[1],
                    Problem.Severity.ERROR,
                    "in '" + node.asText() + "': "
                            + issue.message()
                                    .replaceAll("(?s)^ERROR: <input>:\\d+:\\d+: ", "")
                                    .replaceAll("(?s)\n.*", "")));
        }
        c.condition()
                .ifPresent(cond -> tools.fairHousing()
                        .protectedIn(cond.names())
                        .ifPresent(term -> error(
                                node,
                                "'" + node.asText() + "' uses '" + term
                                        + "', a protected characteristic under the Fair Housing Act;"
                                        + " a journey may not branch, split or target on it")));
        return c.condition();
    }

    private Map<String, Condition> expressions(JsonNode node) {
        Map<String, Condition> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            optionalCel(e.getValue(), entryShape, Expressions.Expect.ANY).ifPresent(c -> out.put(e.getKey(), c));
        }
        return out;
    }

    private Optional<TextTemplate> template(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String source = node.asText();
        Templates.Compilation c = tools.templates().compile(source, scope(entryShape));
        for (Templates.Issue issue : c.issues()) {
            int[] at = doc.whereInside(node, issue.line(), issue.column());
            problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, issue.message()));
        }
        for (FairHousingPolicy.Hit hit : tools.fairHousing().phrasesIn(source)) {
            int line = 1
                    + (int) source.substring(0, hit.offset())
                            .chars()
                            .filter(ch -> ch == '\n')
                            .count();
            int col = hit.offset() - source.lastIndexOf('\n', hit.offset() - 1);
            int[] at = doc.whereInside(node, line, col);
            problems.add(new Problem(
                    doc.name(),
                    at[0],
                    at[1],
                    Problem.Severity.WARNING,
                    "'" + hit.phrase()
                            + "' may state a preference that fair-housing advertising guidance warns against"));
        }
        return c.template();
    }

    private Param<Span> span(JsonNode node) {
        String text = node.asText("");
        if (text.startsWith("settings.")) {
            String name = text.substring("settings.".length());
            Object def = settings.get(name);
            Optional<Span> parsed = def instanceof String s ? Span.tryParse(s) : Optional.empty();
            if (def == null) {
                error(node, "there is no setting '" + name + "'; add it under settings with a default");
            } else if (parsed.isEmpty()) {
                error(node, "setting '" + name + "' is " + def + ", not a duration (e.g. 2d, 4h)");
            }
            return new Param.FromSetting<>(
                    name,
                    parsed.orElse(Span.ofDays(0)),
                    raw -> raw instanceof String s ? Span.tryParse(s) : Optional.empty());
        }
        return fixedSpan(node).<Param<Span>>map(Param.Fixed::new).orElse(new Param.Fixed<>(Span.ofDays(0)));
    }

    private Optional<Span> fixedSpan(JsonNode node) {
        Optional<Span> s = Span.tryParse(node.asText(""));
        if (s.isEmpty() && node.isTextual() && !node.asText().startsWith("settings.")) {
            error(
                    node,
                    "'" + node.asText() + "' is not a duration; expected e.g. 15m, 2h, 3d, 2w, -90d,"
                            + " '4 business hours' or '2 business days'");
        }
        return s;
    }

    private Param<String> role(JsonNode node) {
        String text = node.asText("");
        if (text.startsWith("settings.")) {
            String name = text.substring("settings.".length());
            Object def = settings.get(name);
            if (!(def instanceof String)) {
                error(
                        node,
                        def == null
                                ? "there is no setting '" + name + "'; add it under settings with a default role"
                                : "setting '" + name + "' is " + def + ", not a role");
            }
            return new Param.FromSetting<>(
                    name,
                    def instanceof String s ? s : "staff",
                    raw -> raw instanceof String s ? Optional.of(s) : Optional.empty());
        }
        if (!text.matches("[a-z][a-z0-9-]*")) {
            error(
                    node,
                    "'" + text + "' is not a role; roles are lower-case words joined by hyphens"
                            + " (leasing-agent) or settings.<name>");
        }
        return new Param.Fixed<>(text);
    }

    private Optional<LocalTime> timeOfDay(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(node.asText()));
        } catch (DateTimeParseException e) {
            error(node, "'" + node.asText() + "' is not a time of day; expected HH:MM, e.g. 10:00");
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() || v.isNumber() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> {
            if (n.isValueNode()) {
                out.add(n.asText());
            }
        });
        return out;
    }

    private void error(JsonNode node, String message) {
        int[] at = doc.where(node);
        problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, message));
    }

    private void warning(JsonNode node, String message) {
        int[] at = doc.where(node);
        problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.WARNING, message));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
