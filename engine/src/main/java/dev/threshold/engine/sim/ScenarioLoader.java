package dev.threshold.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.load.FairHousingPolicy;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.load.LocatedYaml;
import dev.threshold.engine.load.OverridesLoader;
import dev.threshold.engine.load.Problem;
import dev.threshold.engine.load.SchemaMessages;
import dev.threshold.engine.time.BusinessCalendar;
import dev.threshold.engine.time.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files (see docs/scenarios.md), checking them against {@code schema/scenario.schema.json}
 * and the event vocabulary; every problem is reported with its line and column.
 */
public final class ScenarioLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE =
            Pattern.compile("\\+\\s*(\\d+\\s*(?:min|m|h|d|w))(?:\\s*(\\d+\\s*(?:min|m|h)))?");
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon",
            DayOfWeek.MONDAY,
            "tue",
            DayOfWeek.TUESDAY,
            "wed",
            DayOfWeek.WEDNESDAY,
            "thu",
            DayOfWeek.THURSDAY,
            "fri",
            DayOfWeek.FRIDAY,
            "sat",
            DayOfWeek.SATURDAY,
            "sun",
            DayOfWeek.SUNDAY);

    private final EventCatalog events;
    private final Schema schema;
    private final SchemaMessages messages;
    private final Optional<JourneyLibrary> library;

    /** A loader for stories without overrides (they would need the library to be checked). */
    public ScenarioLoader(EventCatalog events) {
        this(events, Optional.empty());
    }

    /** A loader that also checks a story's overrides against the journeys they change. */
    public ScenarioLoader(EventCatalog events, JourneyLibrary library) {
        this(events, Optional.of(library));
    }

    private ScenarioLoader(EventCatalog events, Optional<JourneyLibrary> library) {
        this.events = events;
        this.library = library;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/scenario.schema.json")) {
            JsonNode node = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(node);
            this.messages = new SchemaMessages(node);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("schema/scenario.schema.json is missing from the classpath", e);
        }
    }

    public Scenario load(Path file) throws LoadException {
        try {
            return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoadException(new Problem(
                    file.toString(), 1, 1, Problem.Severity.ERROR, "cannot read the file: " + e.getMessage()));
        }
    }

    public Scenario load(String name, String text) throws LoadException {
        LocatedYaml doc = LocatedYaml.parse(name, text);
        List<Problem> problems = new ArrayList<>();
        for (Error e : schema.validate(doc.root())) {
            String evaluation =
                    e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString();
            if (!evaluation.matches(".*[/.](oneOf|anyOf|not)[/.\\[].*")) {
                problems.add(messages.explain(e, doc).problem());
            }
        }
        if (!problems.isEmpty()) {
            throw new LoadException(problems);
        }
        Binder b = new Binder(doc, problems);
        Scenario s = b.bind(overrides(doc, name, problems));
        if (!problems.isEmpty()) {
            throw new LoadException(problems.stream().sorted().toList());
        }
        return s;
    }

    /** The story's overrides, in the format of an overrides file, checked against the library. */
    private Overrides overrides(LocatedYaml doc, String name, List<Problem> problems) {
        JsonNode node = doc.root().path("overrides");
        if (node.isMissingNode()) {
            return Overrides.none();
        }
        if (library.isEmpty()) {
            int[] at = doc.where(node);
            problems.add(new Problem(
                    name,
                    at[0],
                    at[1],
                    Problem.Severity.ERROR,
                    "overrides need the journey library to be checked; load this story with it"));
            return Overrides.none();
        }
        try {
            String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(node);
            return new OverridesLoader(events, FairHousingPolicy.federal())
                    .load(name + "#overrides", yaml, library.get());
        } catch (LoadException e) {
            int[] at = doc.where(node);
            for (Problem p : e.problems()) {
                problems.add(new Problem(name, at[0], at[1], p.severity(), "in overrides: " + p.message()));
            }
            return Overrides.none();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final class Binder {
        final LocatedYaml doc;
        final List<Problem> problems;
        Instant start = Instant.EPOCH;
        ZoneId zone = ZoneId.of("UTC");

        Binder(LocatedYaml doc, List<Problem> problems) {
            this.doc = doc;
            this.problems = problems;
        }

        Scenario bind(Overrides overrides) {
            JsonNode root = doc.root();
            try {
                OffsetDateTime s = OffsetDateTime.parse(root.path("start").asText());
                start = s.toInstant();
                zone = s.getOffset();
            } catch (DateTimeParseException e) {
                error(
                        root.path("start"),
                        "'" + root.path("start").asText() + "' is not a date-time with offset,"
                                + " e.g. 2027-03-01T09:00:00-07:00");
            }
            Instant until = when(root.path("run_until"));
            Optional<Set<String>> journeys = root.has("journeys")
                    ? Optional.of(new LinkedHashSet<>(strings(root.path("journeys"))))
                    : Optional.empty();
            Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            root.path("settings").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                settings.put(e.getKey(), plain(e.getValue()));
            }
            List<CommunityView> communities = new ArrayList<>();
            root.path("communities").forEach(c -> community(c).ifPresent(communities::add));
            Set<String> communityIds = new HashSet<>();
            communities.forEach(c -> communityIds.add(c.id()));
            List<ContactView> contacts = new ArrayList<>();
            Set<String> contactIds = new HashSet<>();
            for (JsonNode c : root.path("contacts")) {
                contact(c, communityIds).ifPresent(v -> {
                    if (!contactIds.add(v.id())) {
                        error(c.path("id"), "contact '" + v.id() + "' is declared twice");
                    }
                    contacts.add(v);
                });
            }
            Map<String, Map<String, Map<String, String>>> parties = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = root.path("parties").fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> type = t.next();
                Map<String, Map<String, String>> things = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> i = type.getValue().fields(); i.hasNext(); ) {
                    Map.Entry<String, JsonNode> thing = i.next();
                    Map<String, String> roles = new LinkedHashMap<>();
                    thing.getValue()
                            .fields()
                            .forEachRemaining(
                                    p -> roles.put(p.getKey(), p.getValue().asText()));
                    things.put(thing.getKey(), roles);
                }
                parties.put(type.getKey(), things);
            }
            List<Scenario.Timed> inputs = new ArrayList<>();
            int n = 0;
            for (JsonNode e : root.path("events")) {
                n++;
                input(e, n, contactIds, communityIds).ifPresent(inputs::add);
            }
            List<Scenario.Expectation> expectations = new ArrayList<>();
            root.path("expect").forEach(x -> expectations.add(expectation(x)));
            JsonNode data = root.has("data") ? root.path("data") : JsonNodeFactory.instance.objectNode();
            return new Scenario(
                    root.path("name").asText(doc.name()),
                    doc.name(),
                    start,
                    until,
                    journeys,
                    settings,
                    communities,
                    contacts,
                    parties,
                    data,
                    inputs,
                    expectations,
                    overrides);
        }

        Optional<CommunityView> community(JsonNode c) {
            Optional<ZoneId> tz = zoneOf(c.path("timezone"));
            if (tz.isEmpty()) {
                return Optional.empty();
            }
            BusinessCalendar calendar = BusinessCalendar.standard(tz.get());
            if (c.has("office_hours") || c.has("holidays")) {
                Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
                if (c.has("office_hours")) {
                    c.path("office_hours").fields().forEachRemaining(e -> {
                        try {
                            week.put(
                                    DAYS.get(e.getKey()),
                                    BusinessCalendar.Hours.parse(e.getValue().asText()));
                        } catch (RuntimeException ex) {
                            error(e.getValue(), ex.getMessage());
                        }
                    });
                } else {
                    week.putAll(calendar.week());
                }
                Set<LocalDate> holidays = new HashSet<>();
                for (JsonNode h : c.path("holidays")) {
                    try {
                        holidays.add(LocalDate.parse(h.asText()));
                    } catch (DateTimeParseException e) {
                        error(h, "'" + h.asText() + "' is not a date (YYYY-MM-DD)");
                    }
                }
                if (week.isEmpty()) {
                    error(c.path("office_hours"), "office hours need at least one open day");
                } else {
                    calendar = new BusinessCalendar(tz.get(), week, holidays);
                }
            }
            String id = c.path("id").asText();
            return Optional.of(new CommunityView(
                    id,
                    c.path("name").asText(id),
                    text(c, "portfolio"),
                    text(c, "market"),
                    tz.get(),
                    text(c, "state"),
                    c.path("address").asText(""),
                    c.path("phone").asText(""),
                    c.path("email").asText(""),
                    plain(c.path("links")),
                    plain(c.path("agent")),
                    calendar,
                    text(c, "quiet_hours"),
                    plain(c.path("attributes"))));
        }

        Optional<ContactView> contact(JsonNode c, Set<String> communities) {
            Set<String> roles = new LinkedHashSet<>(strings(c.path("roles")));
            text(c, "role").ifPresent(roles::add);
            Optional<ZoneId> tz = c.has("timezone") ? zoneOf(c.path("timezone")) : Optional.empty();
            Optional<String> community = text(c, "community");
            if (community.isPresent() && !communities.contains(community.get())) {
                error(c.path("community"), "community '" + community.get() + "' is not declared under communities");
            }
            Map<Channel, String> addresses = new EnumMap<>(Channel.class);
            text(c, "email").ifPresent(e -> addresses.put(Channel.EMAIL, e));
            text(c, "phone").ifPresent(p -> addresses.put(Channel.SMS, p));
            text(c, "portal").ifPresent(p -> addresses.put(Channel.PORTAL, p));
            Map<Channel, Set<Purpose>> consent = new EnumMap<>(Channel.class);
            c.path("consent").fields().forEachRemaining(e -> {
                Set<Purpose> purposes = new HashSet<>();
                e.getValue()
                        .forEach(p -> purposes.add(Purpose.valueOf(p.asText().toUpperCase(java.util.Locale.ROOT))));
                Channel.parse(e.getKey()).ifPresent(ch -> consent.put(ch, purposes));
            });
            Set<Channel> suppressed = new HashSet<>();
            c.path("suppressed").forEach(s -> Channel.parse(s.asText()).ifPresent(suppressed::add));
            Optional<Instant> lastActivity =
                    c.has("last_activity_at") ? Optional.of(when(c.path("last_activity_at"))) : Optional.empty();
            return Optional.of(new ContactView(
                    c.path("id").asText(),
                    roles,
                    c.path("first_name").asText(""),
                    c.path("last_name").asText(""),
                    tz,
                    c.path("language").asText("en"),
                    community,
                    text(c, "state"),
                    addresses,
                    consent,
                    suppressed,
                    plain(c.path("preferences")),
                    plain(c.path("attributes")),
                    plain(c.path("agent")),
                    lastActivity));
        }

        Optional<Scenario.Timed> input(JsonNode e, int n, Set<String> contacts, Set<String> communities) {
            Instant at = when(e.path("at"));
            int line = doc.where(e)[0];
            Optional<String> contact = text(e, "contact");
            if (contact.isPresent() && !contacts.contains(contact.get())) {
                error(e.path("contact"), "contact '" + contact.get() + "' is not declared under contacts");
            }
            if (e.has("command")) {
                Input.Command.Kind kind =
                        Input.Command.Kind.valueOf(e.path("command").asText().toUpperCase(java.util.Locale.ROOT));
                return Optional.of(new Scenario.TimedCommand(
                        at,
                        kind,
                        contact.orElse(""),
                        e.path("journey").asText(),
                        e.path("by").asText("staff"),
                        e.path("note").asText(""),
                        line));
            }
            String type = e.path("type").asText();
            Optional<EventType> eventType = events.find(type);
            if (eventType.isEmpty()) {
                error(e.path("type"), "unknown event type '" + type + "'");
                return Optional.empty();
            }
            JsonNode data = e.has("data") ? e.path("data") : JsonNodeFactory.instance.objectNode();
            for (EventType.DataProblem p : eventType.get().validate(data)) {
                error(e.path("data").isMissingNode() ? e : e.path("data"), type + " " + p.field() + ": " + p.message());
            }
            Optional<String> community = text(e, "community");
            if (community.isPresent() && !communities.contains(community.get())) {
                error(e.path("community"), "community '" + community.get() + "' is not declared under communities");
            }
            Map<String, String> subject = new LinkedHashMap<>();
            e.path("subject")
                    .fields()
                    .forEachRemaining(s -> subject.put(s.getKey(), s.getValue().asText()));
            Map<String, Object> fields = eventType.get().dataShape().coerce(plain(data));
            Event event = new Event(
                    e.path("id").asText("evt-" + n), type, at, contact, community, subject, fields, Optional.empty());
            return Optional.of(new Scenario.TimedEvent(at, event, line));
        }

        Scenario.Expectation expectation(JsonNode x) {
            Map<String, String> fields = new LinkedHashMap<>();
            x.fields().forEachRemaining(f -> {
                if (!Set.of("none", "count", "text").contains(f.getKey())) {
                    fields.put(f.getKey(), f.getValue().asText());
                }
            });
            return new Scenario.Expectation(
                    fields,
                    text(x, "text"),
                    x.path("none").asBoolean(false),
                    x.has("count") ? OptionalInt.of(x.path("count").asInt()) : OptionalInt.empty(),
                    doc.where(x)[0]);
        }

        Instant when(JsonNode node) {
            String t = node.asText("").trim();
            Matcher m = RELATIVE.matcher(t);
            if (m.matches()) {
                Instant at = Span.parse(m.group(1).replace(" ", "")).addTo(start, zone, null);
                if (m.group(2) != null) {
                    at = Span.parse(m.group(2).replace(" ", "")).addTo(at, zone, null);
                }
                return at;
            }
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                error(node, "'" + t + "' is not a moment; expected a date-time with offset or +N(m|h|d|w)");
                return start;
            }
        }

        Optional<ZoneId> zoneOf(JsonNode node) {
            try {
                return Optional.of(ZoneId.of(node.asText()));
            } catch (DateTimeException e) {
                error(node, "'" + node.asText() + "' is not a timezone; expected an IANA name like America/Denver");
                return Optional.empty();
            }
        }

        void error(JsonNode node, String message) {
            int[] at = doc.where(node);
            problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, message));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
