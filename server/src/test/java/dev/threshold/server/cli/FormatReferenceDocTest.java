package dev.threshold.server.cli;

import static dev.threshold.server.cli.CommandLineTest.ROOT;
import static dev.threshold.server.cli.CommandLineTest.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.server.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/journey-format.md} is generated from {@code schema/journey.schema.json} by
 * {@code threshold journeys --format-reference}; these tests keep the committed document equal to what the schema
 * says, and check that it documents every field the schema allows.
 */
class FormatReferenceDocTest {
    static final Path DOC = ROOT.resolve("docs/journey-format.md");
    static final Path SCHEMA = ROOT.resolve("schema/journey.schema.json");
    static final Path EXAMPLE = ROOT.resolve("examples/first-journey/move-in-welcome-call.yaml");

    static Run reference() {
        return threshold("journeys", "--format-reference");
    }

    /** Why {@code committed} is not {@code generated}, naming the first line that differs; empty when equal. */
    static Optional<String> staleness(String generated, String committed) {
        if (generated.equals(committed)) {
            return Optional.empty();
        }
        List<String> g = generated.lines().toList();
        List<String> c = committed.lines().toList();
        int line = 0;
        while (line < g.size() && line < c.size() && g.get(line).equals(c.get(line))) {
            line++;
        }
        return Optional.of("docs/journey-format.md is stale: run " + FormatReference.COMMAND
                + "\n  first difference at line " + (line + 1) + ":\n  committed: "
                + (line < c.size() ? c.get(line) : "(end of file)") + "\n  generated: "
                + (line < g.size() ? g.get(line) : "(end of file)"));
    }

    @Test
    void the_committed_docs_journey_format_md_is_what_the_schema_generates() throws IOException {
        Run run = reference();
        assertThat(run.code()).as(run.err()).isZero();
        if (!Files.exists(DOC)) {
            fail("docs/journey-format.md is missing: run " + FormatReference.COMMAND);
        }

        staleness(run.out(), Files.readString(DOC)).ifPresent(message -> fail(message));
    }

    @Test
    void every_property_of_the_schema_is_a_row_of_the_document_once() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(SCHEMA));
        List<String> properties = new ArrayList<>();
        collectProperties(schema, properties);
        assertThat(properties).hasSizeGreaterThan(100).contains("reentry", "if-late", "inactive_for", "closed-by");

        String doc = reference().out();

        // the first cell of every table row that names a field: `name` or [`name`](#anchor)
        Pattern field = Pattern.compile("^\\| \\[?`([^`]+)`(?:\\]\\(#[^)]+\\))? \\|", Pattern.MULTILINE);
        List<String> rows = new ArrayList<>();
        Matcher m = field.matcher(doc);
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(properties);
        // and every description the schema gives, word for word (placeholders escaped for Markdown)
        for (String description : descriptions(schema)) {
            assertThat(doc).contains(description.replace("<", "&lt;").replace("|", "\\|"));
        }
        // every $ref in the document points at a section that exists
        Matcher link = Pattern.compile("\\]\\(#([a-z0-9-]+)\\)").matcher(doc);
        while (link.find()) {
            assertThat(doc).as("link to #" + link.group(1)).contains("<a id=\"" + link.group(1) + "\"></a>");
        }
    }

    @Test
    void the_document_says_type_required_default_and_allowed_values() throws IOException {
        String doc = reference().out();

        assertThat(doc)
                .startsWith("<!-- Generated from schema/journey.schema.json by `" + FormatReference.COMMAND)
                // the journey's own fields: required, enum, default from the description
                .contains("| `id` | [`id`](#id) | required | Stable identifier, lower-case words joined by hyphens. |")
                .contains(
                        "| `category` | one of `activation`, `onboarding`, `retention`, `growth`, `custom` | required |")
                .contains("| `takeover` | one of `pause`, `continue`, `end` | optional, default: `pause` |")
                .contains("| `version` | integer, at least 1 | optional |")
                .contains("| `trigger` | [`trigger`](#trigger) or non-empty list of [`trigger`](#trigger) | required |")
                .contains("| `goal` | object ([fields](#journey-goal)) | optional | The conversion that counts")
                // a simple pattern in words
                .contains(
                        "| `reentry` | string: `once`, `always`, `when-done` or `after …` | optional, default: `when-done` |")
                .contains("| `handoffs` | boolean | optional, default: true |")
                .contains("map of names (lower-case letters, digits and underscores, starting with a lower-case"
                        + " letter) to string, number, integer or boolean")
                // exclusive fields
                .contains("Exactly one of `event`, `all` or `any`.")
                // every trigger kind and step kind has its section, after the table of kinds
                .containsSubsequence(
                        "## `trigger` kinds",
                        "| [`date`](#trigger-date) |",
                        "### `event`",
                        "### `date`",
                        "### `absence`",
                        "#### `absence.regular`",
                        "### `history`",
                        "### `fanout`",
                        "#### `fanout.where`")
                .containsSubsequence(
                        "## `step` kinds",
                        "| `next` | [`stepRef`](#stepref) | optional, default: the next step in the list |",
                        "### `send`",
                        "#### `send.to`",
                        "As `{party: …}`:",
                        "### `wait`",
                        "### `wait-until`",
                        "### `wait-for`",
                        "### `branch`",
                        "### `split`",
                        "### `task`",
                        "#### `task.escalate`",
                        "### `update`",
                        "### `action`",
                        "### `webhook`",
                        "### `handoff`",
                        "### `emit`",
                        "### `goal`",
                        "### `exit`")
                .contains("| `channels` | non-empty list without repeats of `email`, `sms`, `portal` | required |")
                .contains(
                        "| `to` | `contact`, `parties`, [`{party: …}`](#step-send-to) or [`{staff: …}`](#step-send-to)"
                                + " | optional, default: `contact` |")
                .contains("| `stage` | [`id`](#id) | optional | The map stage;")
                .contains("| `holdout` | integer from 0 to 50 | optional |")
                .contains("| `if-late` | [`stepRef`](#stepref) | optional, default: go on at once |")
                // a shared type documented once, linked from its uses
                .containsSubsequence("## Types", "### `duration`", "Type: string matching `^(settings")
                .contains("Type: string: lower-case letters, digits and hyphens, starting with a lower-case letter or a"
                        + " digit.")
                .contains("<a id=\"duration\"></a>\n\n### `duration`\n\n15m, 2h, 3d, 2w, -90d");
        assertThat(doc.split("### `duration`", -1)).hasSize(2);
        // the closing example is the example file, verbatim
        assertThat(doc)
                .endsWith("## Example\n\nA complete journey, `examples/first-journey/move-in-welcome-call.yaml`:"
                        + " three days after move-in a leasing agent calls the new resident.\n\n```yaml\n"
                        + Files.readString(EXAMPLE) + "```\n");
    }

    @Test
    void a_field_added_to_the_schema_appears_with_its_description() throws IOException {
        ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(Files.readString(SCHEMA));
        ObjectNode send = (ObjectNode) schema.at("/$defs/step/properties/send/properties");
        send.putObject("quiet-hours")
                .put("type", "boolean")
                .put("description", "Hold the message until morning (default true).");

        String generated = FormatReference.render(schema, "id: x\n");

        assertThat(generated)
                .contains("| `quiet-hours` | boolean | optional, default: true | Hold the message until morning"
                        + " (default true). |");
        assertThat(staleness(generated, reference().out()))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("docs/journey-format.md is stale: run ./threshold journeys --format-reference >"
                                + " docs/journey-format.md"));
    }

    @Test
    void format_reference_with_another_output_is_refused() {
        Run run = threshold("journeys", "--format-reference", "--markdown");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--format-reference prints the schema's reference on its own");
        assertThat(run.out()).isEmpty();
    }

    private static void collectProperties(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("properties")) {
                    e.getValue().fieldNames().forEachRemaining(into::add);
                }
                collectProperties(e.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectProperties(n, into));
        }
    }

    private static List<String> descriptions(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("description") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    out.addAll(descriptions(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(descriptions(n)));
        }
        return out;
    }
}
