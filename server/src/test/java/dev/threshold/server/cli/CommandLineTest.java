package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threshold.server.Threshold;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, and output one can read and parse. */
class CommandLineTest {
    static final Path ROOT = Path.of(System.getProperty("threshold.root"));

    record Run(int code, String out, String err) {}

    static Run threshold(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Threshold.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void bench_parts_may_name_a_part_that_is_also_a_subcommand() {
        // `ingest` is both a part of the suite and the `bench ingest` subcommand; as an option's value it is a part.
        // The unknown store stops the run before anything is measured, after --parts has been read.
        Run run = threshold("bench", "--parts", "ingest", "--stores", "mongo");
        assertThat(run.err()).contains("--stores: unknown store 'mongo'").doesNotContain("Expected parameter");
        assertThat(run.code()).isEqualTo(2);
    }

    @Test
    void validate_passes_the_bundled_library() {
        Run run = threshold("validate", ROOT.resolve("journeys").toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("0 error(s)");
    }

    @Test
    void validate_prints_file_line_col_for_each_problem_and_exits_1(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                id: broken
                name: Broken
                category: custom
                trigger: { event: feedback.submited }
                map: { stages: [ { id: s, action: a, emotions: e, questions: [], barriers: [] } ] }
                steps:
                  - { id: a, stage: s, wait: 3 dayz }
                """);

        Run run = threshold("validate", broken.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines())
                .containsExactly(
                        broken + ":4:19: unknown event type 'feedback.submited'; it needs a schema in"
                                + " schema/events/feedback.submited.json (did you mean feedback.submitted?)",
                        broken + ":7:30: '3 dayz' is not a duration; expected e.g. 15m, 2h, 3d, 2w, -90d,"
                                + " '4 business hours' or '2 business days'");
    }

    @Test
    void validate_says_so_when_a_path_does_not_exist() {
        Run run = threshold("validate", "no/such/journey.yaml");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("no/such/journey.yaml: no such file or folder");
    }

    @Test
    void simulate_prints_one_json_object_per_line_in_time_order_in_the_contacts_timezone() throws Exception {
        Run run = threshold(
                "simulate",
                "--journeys",
                ROOT.resolve("journeys").toString(),
                "--scenario",
                ROOT.resolve("journeys/retention/nps-feedback-follow-up.scenarios/promoter.yaml")
                        .toString());

        assertThat(run.code()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : run.out().lines().toList()) {
            lines.add(json.readTree(l));
        }
        assertThat(lines)
                .allSatisfy(l ->
                        assertThat(l.fieldNames()).toIterable().contains("at", "contact", "journey", "step", "type"));
        assertThat(lines)
                .extracting(l -> l.get("at").asText())
                .isSortedAccordingTo(
                        (a, b) -> java.time.OffsetDateTime.parse(a).compareTo(java.time.OffsetDateTime.parse(b)));
        JsonNode deferred = lines.stream()
                .filter(l -> l.get("type").asText().equals("deferred"))
                .findFirst()
                .orElseThrow();
        assertThat(deferred.get("at").asText()).isEqualTo("2027-03-01T22:30:00-07:00");
        assertThat(deferred.get("channel").asText()).isEqualTo("sms");
        JsonNode sent = lines.stream()
                .filter(l -> l.get("type").asText().equals("message")
                        && l.get("step").asText().equals("review-ask"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.get("at").asText()).isEqualTo("2027-03-02T08:00:00-07:00");
        assertThat(sent.get("template").asText()).isEqualTo("nps-feedback-follow-up/review-ask/sms");
    }

    @Test
    void simulate_check_fails_when_an_expectation_is_not_met(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("wrong.yaml");
        Files.writeString(scenario, """
                start: 2027-03-01T10:00:00-05:00
                run_until: +1d
                contacts:
                  - { id: R-9, role: resident, first_name: Lee, timezone: America/New_York, email: lee@example.com, consent: { email: [marketing] } }
                events:
                  - { at: +5m, type: feedback.submitted, contact: R-9, data: { score: 8, topic: maintenance } }
                expect:
                  - { type: task, role: community-manager }
                """);

        Run run = threshold("simulate", "--check", "--scenario", scenario.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains(scenario + ":8: expected a line with {type=task, role=community-manager}, found none");
    }

    @Test
    void simulate_reports_a_broken_scenario_with_its_line() throws Exception {
        Path scenario = Files.createTempFile("broken", ".yaml");
        Files.writeString(scenario, """
                start: 2027-03-01T10:00:00-05:00
                run_until: +1d
                events:
                  - { at: +5m, type: feedback.submitted, contact: nobody, data: { score: "high" } }
                """);

        Run run = threshold("simulate", "--scenario", scenario.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains(scenario + ":4:")
                .contains("contact 'nobody' is not declared")
                .contains("data.score");
    }

    @Test
    void journeys_lists_the_library_by_category_and_draws_the_web() {
        Run list = threshold("journeys", "--journeys", ROOT.resolve("journeys").toString());
        Run dot = threshold("journeys", "--journeys", ROOT.resolve("journeys").toString(), "--graph", "dot");
        Run mermaid =
                threshold("journeys", "--journeys", ROOT.resolve("journeys").toString(), "--graph");

        assertThat(list.out())
                .contains("RETENTION")
                .contains("nps-feedback-follow-up")
                .contains("trigger: feedback.submitted when event.topic == 'maintenance'")
                .contains("hands off to: referral-journey");
        assertThat(dot.out())
                .startsWith("digraph journeys {")
                .contains("\"nps-feedback-follow-up\" -> \"referral-journey\";");
        assertThat(mermaid.out()).startsWith("flowchart LR").contains("nps-feedback-follow-up --> referral-journey");
    }
}
