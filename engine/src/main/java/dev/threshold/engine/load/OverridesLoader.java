package dev.threshold.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import dev.threshold.engine.expr.Expressions;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.expr.Templates;
import dev.threshold.engine.expr.TextTemplate;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.time.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads an overrides file ({@code schema/overrides.schema.json}) and checks it against the journeys it
 * changes: the journeys, settings, steps, channels and stages must exist, new setting values must have the
 * type of the default (a duration stays a duration), and reworded messages must compile like the
 * originals. Every problem is reported with its line and column, all at once.
 */
public final class OverridesLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCatalog events;
    private final Schema schema;
    private final SchemaMessages messages;
    private final Templates templates = new Templates();
    private final FairHousingPolicy fairHousing;

    public OverridesLoader(EventCatalog events, FairHousingPolicy fairHousing) {
        this.events = events;
        this.fairHousing = fairHousing;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/overrides.schema.json")) {
            JsonNode node = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(node);
            this.messages = new SchemaMessages(node);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("schema/overrides.schema.json is missing from the classpath", e);
        }
    }

    public Overrides load(Path file, JourneyLibrary library) throws LoadException {
        try {
            return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8), library);
        } catch (IOException e) {
            throw new LoadException(new Problem(
                    file.toString(), 1, 1, Problem.Severity.ERROR, "cannot read the file: " + e.getMessage()));
        }
    }

    public Overrides load(String name, String text, JourneyLibrary library) throws LoadException {
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
        Binder b = new Binder(doc, library, problems);
        Overrides.Layer tenant = b.layer(doc.root().path("tenant"));
        Map<String, Overrides.Layer> portfolios = b.layers(doc.root().path("portfolios"));
        Map<String, Overrides.Layer> communities = b.layers(doc.root().path("communities"));
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new LoadException(problems.stream().sorted().toList());
        }
        return new Overrides(tenant, portfolios, communities);
    }

    private final class Binder {
        final LocatedYaml doc;
        final JourneyLibrary library;
        final List<Problem> problems;

        Binder(LocatedYaml doc, JourneyLibrary library, List<Problem> problems) {
            this.doc = doc;
            this.library = library;
            this.problems = problems;
        }

        Map<String, Overrides.Layer> layers(JsonNode node) {
            Map<String, Overrides.Layer> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), layer(e.getValue())));
            return out;
        }

        Overrides.Layer layer(JsonNode node) {
            Map<String, Overrides.JourneyOverride> journeys = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<Journey> journey = library.latest(e.getKey());
                if (journey.isEmpty()) {
                    error(
                            e.getValue(),
                            "there is no journey '" + e.getKey() + "'; journeys: "
                                    + String.join(
                                            ", ",
                                            library.latest().stream()
                                                    .map(Journey::id)
                                                    .sorted()
                                                    .toList()));
                    continue;
                }
                journeys.put(e.getKey(), journey(journey.get(), e.getValue()));
            }
            return new Overrides.Layer(journeys);
        }

        Overrides.JourneyOverride journey(Journey j, JsonNode node) {
            Optional<Boolean> enabled =
                    node.has("enabled") ? Optional.of(node.path("enabled").asBoolean()) : Optional.empty();
            return new Overrides.JourneyOverride(
                    enabled,
                    settings(j, node.path("settings")),
                    copy(j, node.path("copy")),
                    stages(j, node.path("stages")));
        }

        Map<String, Object> settings(Journey j, JsonNode node) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                Object def = j.settings().get(e.getKey());
                JsonNode v = e.getValue();
                if (def == null) {
                    error(
                            v,
                            "journey " + j.id() + " has no setting '" + e.getKey() + "'; its settings: "
                                    + String.join(
                                            ", ", new TreeSet<>(j.settings().keySet())));
                } else if (def instanceof String d && Span.tryParse(d).isPresent()) {
                    if (!v.isTextual() || Span.tryParse(v.asText()).isEmpty()) {
                        error(
                                v,
                                "setting '" + e.getKey() + "' is a duration (default " + d + "); '" + v.asText()
                                        + "' is not one");
                    } else {
                        out.put(e.getKey(), v.asText());
                    }
                } else if (def instanceof Number) {
                    if (!v.isNumber()) {
                        error(
                                v,
                                "setting '" + e.getKey() + "' is a number (default " + def + "), not '" + v.asText()
                                        + "'");
                    } else {
                        out.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble());
                    }
                } else if (def instanceof Boolean) {
                    if (!v.isBoolean()) {
                        error(v, "setting '" + e.getKey() + "' is true or false, not '" + v.asText() + "'");
                    } else {
                        out.put(e.getKey(), v.asBoolean());
                    }
                } else if (!v.isTextual()) {
                    error(v, "setting '" + e.getKey() + "' is text (default '" + def + "')");
                } else {
                    out.put(e.getKey(), v.asText());
                }
            });
            return out;
        }

        Map<String, Map<Channel, Step.Content>> copy(Journey j, JsonNode node) {
            Map<String, Map<Channel, Step.Content>> out = new LinkedHashMap<>();
            Expressions.Scope scope = scope(j);
            node.fields().forEachRemaining(e -> {
                Optional<Step> step = j.step(e.getKey());
                if (step.isEmpty() || !(step.get().kind() instanceof Step.Send send)) {
                    error(e.getValue(), "journey " + j.id() + " has no send step '" + e.getKey() + "'");
                    return;
                }
                Map<Channel, Step.Content> channels = new EnumMap<>(Channel.class);
                e.getValue().fields().forEachRemaining(c -> {
                    Channel ch = Channel.parse(c.getKey()).orElseThrow();
                    if (!send.channels().contains(ch)) {
                        error(
                                c.getValue(),
                                "step '" + e.getKey() + "' does not send on " + ch.id() + "; it sends on "
                                        + String.join(
                                                ", ",
                                                send.channels().stream()
                                                        .map(Channel::id)
                                                        .toList()));
                        return;
                    }
                    JsonNode v = c.getValue();
                    Optional<TextTemplate> body = template(v.isTextual() ? v : v.path("body"), scope);
                    Optional<TextTemplate> subject = v.has("subject")
                            ? template(v.path("subject"), scope)
                            : send.content().containsKey(ch)
                                    ? send.content().get(ch).subject()
                                    : Optional.empty();
                    body.ifPresent(b -> channels.put(ch, new Step.Content(subject, b)));
                });
                out.put(e.getKey(), channels);
            });
            return out;
        }

        Map<String, Map<String, String>> stages(Journey j, JsonNode node) {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (j.stage(e.getKey()).isEmpty()) {
                    error(e.getValue(), "journey " + j.id() + " has no map stage '" + e.getKey() + "'");
                    return;
                }
                Map<String, String> words = new LinkedHashMap<>();
                e.getValue()
                        .fields()
                        .forEachRemaining(
                                w -> words.put(w.getKey(), w.getValue().asText()));
                out.put(e.getKey(), words);
            });
            return out;
        }

        Optional<TextTemplate> template(JsonNode node, Expressions.Scope scope) {
            Templates.Compilation c = templates.compile(node.asText(), scope);
            for (Templates.Issue issue : c.issues()) {
                int[] at = doc.whereInside(node, issue.line(), issue.column());
                problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, issue.message()));
            }
            for (FairHousingPolicy.Hit hit : fairHousing.phrasesIn(node.asText())) {
                int[] at = doc.where(node);
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

        Expressions.Scope scope(Journey j) {
            Shape shape = null;
            for (String type : j.triggerEvents()) {
                Shape s = events.find(type).map(EventType::shape).orElse(Shape.open(type));
                shape = shape == null ? s : shape.union(s);
            }
            if (j.entry().handoffs()) {
                Shape h = events.find("journey.handoff").map(EventType::shape).orElse(Shape.open("handoff"));
                shape = shape == null ? h : shape.union(h);
            }
            Shape entry = shape == null ? Shape.open("entry") : shape;
            return new Expressions.Scope(entry, entry, ContactView.SHAPE, CommunityView.SHAPE);
        }

        void error(JsonNode node, String message) {
            int[] at = doc.where(node);
            problems.add(new Problem(doc.name(), at[0], at[1], Problem.Severity.ERROR, message));
        }
    }
}
