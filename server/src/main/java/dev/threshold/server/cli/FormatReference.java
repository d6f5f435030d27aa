package dev.threshold.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journey format reference ({@code docs/journey-format.md}), generated from {@code schema/journey.schema.json}:
 * every field of a journey, every trigger kind and step kind with its fields, and every shared type, each with its
 * type, whether it is required, its default where the schema's description names one, its allowed values and the
 * schema's description. Closes with a complete example journey. Nothing in it is written by hand, so the committed
 * document can be checked against the schema.
 *
 * <p>How the schema is read: an object's {@code properties} become a table; a {@code oneOf} whose branches each
 * require one property makes those properties exclusive ("exactly one of"); a {@code $def} with such a
 * {@code oneOf} (a trigger, a step) is a thing of kinds, each kind documented in its own section; every other
 * {@code $def} is documented once under "Types" and linked wherever it is used.
 */
final class FormatReference {
    private FormatReference() {}

    /** The command that writes the document, as the document and the staleness check name it. */
    static final String COMMAND = "./threshold journeys --format-reference > docs/journey-format.md";

    /** The example that closes the document, relative to the examples folder. */
    static final String EXAMPLE = "first-journey/move-in-welcome-call.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The journey schema as the loader reads it: from the classpath. */
    static JsonNode schema() {
        try (InputStream in =
                FormatReference.class.getClassLoader().getResourceAsStream("schema/journey.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/journey.schema.json is missing from the classpath");
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(JsonNode schema, String exampleYaml) {
        return new Writer(schema).render(exampleYaml);
    }

    private static final class Writer {
        private final JsonNode schema;
        private final JsonNode defs;
        private final StringBuilder b = new StringBuilder();
        private final Set<String> anchors = new HashSet<>();

        Writer(JsonNode schema) {
            this.schema = schema;
            this.defs = schema.path("$defs");
        }

        String render(String exampleYaml) {
            b.append("<!-- Generated from schema/journey.schema.json by `")
                    .append(COMMAND)
                    .append("`; do not edit by hand. -->\n");
            b.append("# Journey format reference\n\n");
            b.append("*For whoever writes or reviews journey files: every field the schema allows, in one place.*\n\n");
            b.append("This is `schema/journey.schema.json` (\"")
                    .append(schema.path("title").asText())
                    .append("\") in words: ")
                    .append(text(schema.path("description").asText()))
                    .append(" How to write a journey, with worked examples:")
                    .append(" [writing-journeys.md](writing-journeys.md); the journeys that ship with Threshold:")
                    .append(" [library.md](library.md). `./threshold validate FILE` checks a journey against this")
                    .append(" schema and then for everything a schema cannot see (steps that exist, events that")
                    .append(" are known, templates that parse).\n\n");
            b.append("Each table lists a field, its type, whether it is required (and its default, where there is")
                    .append(
                            " one) and what it means. Types in `code` link to their section under [Types](#types).\n\n");

            List<String> kindDefs = new ArrayList<>();
            List<String> typeDefs = new ArrayList<>();
            for (String name : names(defs)) {
                (kinds(defs.get(name)).isEmpty() ? typeDefs : kindDefs).add(name);
            }

            b.append("## Contents\n\n");
            b.append("- [The journey](#journey)\n");
            for (String name : kindDefs) {
                b.append("- [`")
                        .append(name)
                        .append("` kinds](#")
                        .append(defAnchor(name))
                        .append(")\n");
            }
            b.append("- [Types](#types)\n");
            b.append("- [Example](#example)\n\n");

            section(2, "The journey", "journey", "", schema, false);

            for (String name : kindDefs) {
                kindsSection(name, defs.get(name));
            }

            anchor("types");
            b.append("## Types\n\n");
            b.append("Shared by several fields, and documented once here.\n\n");
            for (String name : typeDefs) {
                section(3, "`" + name + "`", defAnchor(name), name, defs.get(name), true);
            }

            anchor("example");
            b.append("## Example\n\n");
            b.append("A complete journey, `examples/")
                    .append(EXAMPLE)
                    .append("`: three days after move-in a leasing agent calls the new resident.\n\n");
            b.append("```yaml\n").append(exampleYaml);
            if (!exampleYaml.endsWith("\n")) {
                b.append('\n');
            }
            b.append("```\n");
            return b.toString();
        }

        /** A {@code $def} of kinds: its common fields, a table of its kinds, then one section per kind. */
        private void kindsSection(String name, JsonNode def) {
            List<String> kinds = kinds(def);
            String prefix = name;
            anchor(defAnchor(name));
            b.append("## `").append(name).append("` kinds\n\n");
            if (def.has("description")) {
                b.append(text(def.get("description").asText())).append("\n\n");
            }
            b.append("A ")
                    .append(name)
                    .append(" has exactly one of ")
                    .append(kinds.size())
                    .append(" kinds, named by the one kind field it has.");
            List<String> common = new ArrayList<>(names(def.path("properties")));
            common.removeAll(kinds);
            if (!common.isEmpty()) {
                b.append(" Every ").append(name).append(" may also have the common fields.\n\n");
                b.append("Common fields:\n\n");
                table(prefix, "", def, common, kinds);
            } else {
                b.append("\n\n");
            }
            b.append("| Kind | Type | Description |\n|---|---|---|\n");
            for (String kind : kinds) {
                JsonNode k = def.path("properties").path(kind);
                b.append(row(
                        "[`" + kind + "`](#" + anchorOf(prefix, kind) + ")",
                        type(k, anchorOf(prefix, kind)),
                        description(k)));
            }
            b.append('\n');
            for (String k : common) {
                children(3, prefix, k, def.path("properties").path(k));
            }
            for (String kind : kinds) {
                section(
                        3,
                        "`" + kind + "`",
                        anchorOf(prefix, kind),
                        kind,
                        def.path("properties").path(kind),
                        true);
            }
        }

        /**
         * A section: heading, optionally the node's description and type, then its fields (and sections for the
         * fields that have fields of their own).
         */
        private void section(int level, String title, String anchor, String path, JsonNode node, boolean intro) {
            anchor(anchor);
            b.append("#".repeat(Math.min(level, 6))).append(' ').append(title).append("\n\n");
            if (intro) {
                if (node.has("description")) {
                    b.append(text(node.get("description").asText())).append("\n\n");
                }
                if (!node.has("properties")) {
                    b.append("Type: ").append(type(node, anchor)).append(".\n\n");
                }
            }
            // without an intro, the node's description is in its parent's table (or, for the journey, on top)
            String prefix = anchor.contains("-") ? anchor.substring(0, anchor.indexOf('-')) : anchor;
            body(level, prefix, path, node, "");
        }

        /** The fields of a node: an object's table, a list's entries, or each form of a {@code oneOf}. */
        private void body(int level, String prefix, String path, JsonNode node, String lead) {
            if (node.has("properties")) {
                if (!lead.isEmpty()) {
                    b.append(lead).append("\n\n");
                }
                List<String> exclusive = exclusive(node);
                if (!exclusive.isEmpty()) {
                    b.append("Exactly one of ").append(codes(exclusive, "or")).append(".\n\n");
                }
                table(prefix, path, node, names(node.path("properties")), exclusive);
                for (String name : names(node.path("properties"))) {
                    children(
                            level + 1,
                            prefix,
                            join(path, name),
                            node.path("properties").path(name));
                }
            } else if ("array".equals(node.path("type").asText()) && hasFields(node.path("items"))) {
                body(level, prefix, path, node.path("items"), lead.isEmpty() ? "Each entry:" : lead + ", each entry:");
            } else if (node.has("oneOf")) {
                List<JsonNode> forms = new ArrayList<>();
                node.path("oneOf").forEach(forms::add);
                long objects = forms.stream().filter(f -> f.has("properties")).count();
                for (JsonNode form : forms) {
                    if (!hasFields(form)) {
                        continue;
                    }
                    String as = form.has("properties")
                            ? (objects > 1 ? "As `{" + firstKey(form) + ": …}`:" : "As an object:")
                            : "As a list";
                    body(level, prefix, path, form, as);
                }
            }
        }

        /** A section for a field when it has fields of its own. */
        private void children(int level, String prefix, String path, JsonNode node) {
            if (hasFields(node)) {
                section(level, "`" + path + "`", anchorOf(prefix, path), path, node, false);
            }
        }

        private void table(String prefix, String path, JsonNode node, List<String> names, List<String> exclusive) {
            Set<String> required = new HashSet<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            b.append("| Field | Type | Required | Description |\n|---|---|---|---|\n");
            for (String name : names) {
                JsonNode p = node.path("properties").path(name);
                String need;
                if (required.contains(name)) {
                    need = "required";
                } else if (exclusive.contains(name)) {
                    need = exclusive.size() > 3 ? "exactly one kind" : "one of " + codes(exclusive, "or");
                } else {
                    need = "optional" + defaultOf(p).map(d -> ", default: " + d).orElse("");
                }
                b.append(row("`" + name + "`", type(p, anchorOf(prefix, join(path, name))), need, description(p)));
            }
            b.append('\n');
        }

        /** A type in words; {@code anchor} is the section that lists this node's fields, if it has any. */
        private String type(JsonNode node, String anchor) {
            if (node.has("$ref")) {
                String name = node.get("$ref").asText().replaceFirst("^#/\\$defs/", "");
                return "[`" + name + "`](#" + defAnchor(name) + ")";
            }
            if (node.has("const")) {
                return "`" + node.get("const").asText() + "`";
            }
            if (node.has("enum")) {
                return "one of " + enumeration(node);
            }
            if (node.has("properties")) {
                return "object ([fields](#" + anchor + "))";
            }
            if (node.has("oneOf")) {
                List<String> forms = new ArrayList<>();
                long objects = 0;
                for (JsonNode f : node.path("oneOf")) {
                    objects += f.has("properties") ? 1 : 0;
                }
                for (JsonNode f : node.path("oneOf")) {
                    if (f.has("enum")) {
                        forms.add(enumeration(f));
                    } else if (f.has("properties") && objects > 1) {
                        forms.add("[`{" + firstKey(f) + ": …}`](#" + anchor + ")");
                    } else {
                        forms.add(type(f, anchor));
                    }
                }
                return or(forms);
            }
            JsonNode t = node.path("type");
            if (t.isArray()) {
                List<String> types = new ArrayList<>();
                t.forEach(x -> types.add(x.asText()));
                return or(types);
            }
            switch (t.asText()) {
                case "string" -> {
                    String s = node.path("minLength").asInt(0) > 0 ? "non-empty string" : "string";
                    if (node.has("pattern")) {
                        String re = node.get("pattern").asText();
                        s += words(re).map(w -> ": " + w).orElse(" matching `" + re + "`");
                    }
                    return s;
                }
                case "integer", "number" -> {
                    String s = t.asText();
                    if (node.has("minimum") && node.has("maximum")) {
                        s += " from " + node.get("minimum").asText() + " to "
                                + node.get("maximum").asText();
                    } else if (node.has("minimum")) {
                        s += ", at least " + node.get("minimum").asText();
                    }
                    return s;
                }
                case "boolean" -> {
                    return "boolean";
                }
                case "array" -> {
                    JsonNode items = node.path("items");
                    int min = node.path("minItems").asInt(0);
                    String s = min == 1 ? "non-empty list" : "list";
                    if (node.path("uniqueItems").asBoolean(false)) {
                        s += " without repeats";
                    }
                    s += min > 1 ? " of at least " + min : " of";
                    return s + " " + (items.has("enum") ? enumeration(items) : type(items, anchor));
                }
                case "object" -> {
                    if (node.has("properties")) {
                        return "object ([fields](#" + anchor + "))";
                    }
                    JsonNode extra = node.path("additionalProperties");
                    String key = node.path("propertyNames").has("pattern")
                            ? "names ("
                                    + words(node.path("propertyNames")
                                                    .path("pattern")
                                                    .asText())
                                            .orElse("matching `"
                                                    + node.path("propertyNames")
                                                            .path("pattern")
                                                            .asText() + "`")
                                    + ")"
                            : "names";
                    String s = extra.isObject() ? "map of " + key + " to " + type(extra, anchor) : "object";
                    if (node.path("minProperties").asInt(0) > 0) {
                        s += ", at least " + node.get("minProperties").asText() + " entry";
                    }
                    return s;
                }
                default -> {
                    return node.has("properties") ? "object ([fields](#" + anchor + "))" : "any value";
                }
            }
        }

        private String anchor(String id) {
            if (!anchors.add(id)) {
                throw new IllegalStateException("two sections of the format reference would share the anchor " + id);
            }
            b.append("<a id=\"").append(id).append("\"></a>\n\n");
            return id;
        }
    }

    /** The properties of a {@code $def} that are its kinds: those a {@code oneOf} requires one of, at most one. */
    static List<String> kinds(JsonNode def) {
        return def.path("properties").isObject() && isKindGroup(def) ? exclusive(def) : List.of();
    }

    private static boolean isKindGroup(JsonNode def) {
        // a kind group: every branch requires one property and rules out the others (the trigger), or the kinds
        // are more than the handful of alternatives a single table says well (the step's fourteen)
        List<String> group = exclusive(def);
        if (group.isEmpty()) {
            return false;
        }
        boolean excludes = true;
        for (JsonNode branch : def.path("oneOf")) {
            excludes &= branch.has("not");
        }
        return excludes || group.size() > 3;
    }

    /** The properties a {@code oneOf} makes exclusive: each of its branches requires exactly one of them. */
    static List<String> exclusive(JsonNode node) {
        List<String> group = new ArrayList<>();
        if (!node.path("oneOf").isArray()) {
            return group;
        }
        for (JsonNode branch : node.path("oneOf")) {
            JsonNode required = branch.path("required");
            if (branch.has("type") || branch.has("$ref") || branch.has("properties") || required.size() != 1) {
                return List.of();
            }
            group.add(required.get(0).asText());
        }
        return group;
    }

    /** Whether a node has fields of its own to tabulate: an object with properties, or a list or choice of them. */
    private static boolean hasFields(JsonNode node) {
        if (node.has("properties")) {
            return true;
        }
        if ("array".equals(node.path("type").asText())) {
            return hasFields(node.path("items"));
        }
        if (node.path("oneOf").isArray()) {
            for (JsonNode form : node.path("oneOf")) {
                if (hasFields(form)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Pattern DEFAULT_IN_PARENS = Pattern.compile("\\(default:? ([^):]+)[^)]*\\)");
    private static final Pattern AFTER_DEFAULT = Pattern.compile("\\((?:the )?default\\b");
    private static final Pattern DEFAULT_SENTENCE = Pattern.compile("\\bDefault: ([^.]+)\\.");

    /**
     * The default a field's description names: "(default true)", "(default: the step id)", "Default: go on at
     * once.", or the value just before "(default)": for a field of allowed values, the last of them named before
     * it ("pause the automated outreach (default), continue…" is {@code pause}).
     */
    static Optional<String> defaultOf(JsonNode field) {
        String description = field.path("description").asText("");
        Matcher m = DEFAULT_IN_PARENS.matcher(description);
        if (m.find()) {
            return Optional.of(m.group(1).strip());
        }
        m = AFTER_DEFAULT.matcher(description);
        if (m.find()) {
            String before = description.substring(0, m.start());
            List<String> allowed = new ArrayList<>();
            field.path("enum").forEach(v -> allowed.add(v.asText()));
            field.path("oneOf").forEach(f -> f.path("enum").forEach(v -> allowed.add(v.asText())));
            String best = null;
            int at = -1;
            for (String value : allowed) {
                Matcher w =
                        Pattern.compile("\\b" + Pattern.quote(value) + "\\b").matcher(before);
                while (w.find()) {
                    if (w.start() > at) {
                        at = w.start();
                        best = value;
                    }
                }
            }
            if (best == null) {
                Matcher w = Pattern.compile("([\\w-]+)\\s*$").matcher(before);
                best = w.find() ? w.group(1) : null;
            }
            return Optional.ofNullable(best).map(v -> "`" + v + "`");
        }
        m = DEFAULT_SENTENCE.matcher(description);
        if (m.find()) {
            return Optional.of(m.group(1).strip());
        }
        return Optional.empty();
    }

    private static final Pattern CHARACTER_CLASSES = Pattern.compile("\\^\\[([^\\]]+)\\]\\[([^\\]]+)\\]\\*\\$");
    private static final Pattern ALTERNATIVES =
            Pattern.compile("\\^\\(([a-z -]+(?: \\.\\+)?(?:\\|[a-z -]+(?: \\.\\+)?)*)\\)\\$");

    /**
     * A simple pattern in words: a first character and the rest from character classes
     * ({@code ^[a-z][a-z0-9_]*$}), or a choice of words ({@code ^(once|always|after .+)$}). Empty for anything
     * else, which the document then shows as the pattern itself.
     */
    static Optional<String> words(String pattern) {
        Matcher m = CHARACTER_CLASSES.matcher(pattern);
        if (m.matches()) {
            Optional<String> first = characters(m.group(1));
            Optional<String> rest = characters(m.group(2));
            if (first.isEmpty() || rest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    rest.get() + (m.group(1).equals(m.group(2)) ? "" : ", starting with " + singular(first.get())));
        }
        m = ALTERNATIVES.matcher(pattern);
        if (m.matches()) {
            List<String> choices = new ArrayList<>();
            for (String alt : m.group(1).split("\\|")) {
                choices.add("`" + alt.replace(" .+", " …") + "`");
            }
            return Optional.of(or(choices));
        }
        return Optional.empty();
    }

    private static final Map<String, String> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("a-z", "lower-case letters");
        CLASSES.put("A-Z", "upper-case letters");
        CLASSES.put("0-9", "digits");
        CLASSES.put("_", "underscores");
        CLASSES.put("-", "hyphens");
        CLASSES.put(".", "dots");
    }

    private static Optional<String> characters(String cls) {
        List<String> parts = new ArrayList<>();
        String rest = cls;
        while (!rest.isEmpty()) {
            boolean matched = false;
            for (Map.Entry<String, String> e : CLASSES.entrySet()) {
                if (rest.startsWith(e.getKey())) {
                    parts.add(e.getValue());
                    rest = rest.substring(e.getKey().length());
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                return Optional.empty();
            }
        }
        return Optional.of(and(parts));
    }

    private static final Map<String, String> ONE_OF_CLASS = Map.of(
            "lower-case letters", "a lower-case letter",
            "upper-case letters", "an upper-case letter",
            "digits", "a digit",
            "underscores", "an underscore",
            "hyphens", "a hyphen",
            "dots", "a dot");

    /** "lower-case letters and digits" as one character: "a lower-case letter or a digit". */
    private static String singular(String classes) {
        List<String> one = new ArrayList<>();
        for (String c : classes.split(", | and ")) {
            one.add(ONE_OF_CLASS.getOrDefault(c, c));
        }
        return or(one);
    }

    private static String and(List<String> parts) {
        return parts.size() == 1
                ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String or(List<String> parts) {
        return parts.size() == 1
                ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    private static String codes(List<String> names, String conjunction) {
        List<String> c = names.stream().map(n -> "`" + n + "`").toList();
        return conjunction.equals("or") ? or(c) : and(c);
    }

    private static String enumeration(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.path("enum").forEach(v -> values.add("`" + v.asText() + "`"));
        return String.join(", ", values);
    }

    private static String description(JsonNode node) {
        return text(node.path("description").asText(""));
    }

    /** Schema text as Markdown: a {@code <word>} placeholder must not read as an HTML tag. */
    private static String text(String s) {
        return s.replace("<", "&lt;");
    }

    private static String row(String... cells) {
        StringBuilder r = new StringBuilder("|");
        for (String c : cells) {
            r.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return r.append('\n').toString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String firstKey(JsonNode object) {
        JsonNode required = object.path("required");
        return required.size() > 0
                ? required.get(0).asText()
                : names(object.path("properties")).get(0);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String defAnchor(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The anchor of a field's section: its owner ({@code journey}, {@code step}, a type) and its dotted path. */
    static String anchorOf(String prefix, String path) {
        return prefix + "-" + path.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }
}
