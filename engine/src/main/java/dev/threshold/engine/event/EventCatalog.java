package dev.threshold.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.threshold.engine.expr.FieldType;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.load.ResourceFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The event vocabulary: every event type Threshold knows, each described by a JSON Schema in
 * {@code schema/events/<type>.json}. Ingest validates events against it; the journey loader type-checks
 * conditions against it.
 */
public final class EventCatalog {
    /** Fields of the envelope an event's data may not redefine. */
    public static final Set<String> RESERVED = EventType.ENVELOPE.keySet();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, EventType> types;

    private EventCatalog(Map<String, EventType> types) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
    }

    /** The vocabulary that ships with Threshold (from the classpath's {@code schema/events}). */
    public static EventCatalog builtIn() {
        return Holder.BUILT_IN;
    }

    private static final class Holder {
        static final EventCatalog BUILT_IN = loadBuiltIn();
    }

    private static EventCatalog loadBuiltIn() {
        return load(ResourceFolder.find("schema/events")
                .orElseThrow(() -> new IllegalStateException(
                        "schema/events is missing from the classpath; the build copies it there")));
    }

    /** Loads every {@code *.json} schema of a folder; the file name without {@code .json} is the type. */
    public static EventCatalog load(Path dir) {
        Map<String, EventType> types = new LinkedHashMap<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                JsonNode node = JSON.readTree(Files.readString(file));
                types.put(name, typeOf(name, node, registry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event schemas in " + dir, e);
        }
        return new EventCatalog(types);
    }

    /** A catalog of the given types, for tests and for tenants' own additions. */
    public static EventCatalog of(Map<String, JsonNode> schemas) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, EventType> types = new LinkedHashMap<>();
        schemas.forEach((name, node) -> types.put(name, typeOf(name, node, registry)));
        return new EventCatalog(types);
    }

    /** This catalog with more types added (or replaced). */
    public EventCatalog with(EventCatalog more) {
        Map<String, EventType> all = new LinkedHashMap<>(types);
        all.putAll(more.types);
        return new EventCatalog(all);
    }

    private static EventType typeOf(String name, JsonNode node, SchemaRegistry registry) {
        Schema schema = registry.getSchema(node);
        Map<String, FieldType> fields = new LinkedHashMap<>();
        JsonNode props = node.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (RESERVED.contains(p.getKey())) {
                throw new IllegalArgumentException("event type " + name + " redefines the envelope field '" + p.getKey()
                        + "'; rename it in its data");
            }
            fields.put(
                    p.getKey(),
                    FieldType.fromJsonSchemaType(p.getValue().path("type").asText(null)));
        }
        List<String> subjects = new ArrayList<>();
        node.path("x-subjects").forEach(s -> subjects.add(s.asText()));
        return new EventType(name, node.path("description").asText(""), subjects, schema, new Shape(name, fields));
    }

    public Optional<EventType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    public Set<String> names() {
        return types.keySet();
    }

    public java.util.Collection<EventType> types() {
        return types.values();
    }
}
