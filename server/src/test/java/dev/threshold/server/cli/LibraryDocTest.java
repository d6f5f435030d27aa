package dev.threshold.server.cli;

import static dev.threshold.server.cli.CommandLineTest.ROOT;
import static dev.threshold.server.cli.CommandLineTest.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Stage;
import dev.threshold.server.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/library.md} is generated from the journey files by {@code threshold journeys --markdown}; these
 * tests keep the committed document equal to what the journeys say, and check it says what a property manager
 * needs to know.
 */
class LibraryDocTest {
    static final Path DOC = ROOT.resolve("docs/library.md");

    static Run markdown(Path journeys) {
        return threshold("journeys", "--journeys", journeys.toString(), "--markdown");
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
        return Optional.of("docs/library.md is stale: run " + LibraryMarkdown.COMMAND + "\n  first difference at line "
                + (line + 1) + ":\n  committed: " + (line < c.size() ? c.get(line) : "(end of file)")
                + "\n  generated: " + (line < g.size() ? g.get(line) : "(end of file)"));
    }

    @Test
    void the_committed_docs_library_md_is_what_the_journeys_generate() throws IOException {
        Run run = markdown(ROOT.resolve("journeys"));
        assertThat(run.code()).as(run.err()).isZero();
        if (!Files.exists(DOC)) {
            fail("docs/library.md is missing: run " + LibraryMarkdown.COMMAND);
        }

        staleness(run.out(), Files.readString(DOC)).ifPresent(message -> fail(message));
    }

    @Test
    void a_journey_changed_after_generating_makes_the_document_stale(@TempDir Path dir) throws IOException {
        Path journeys = copyLibrary(dir);
        Path nps = journeys.resolve("retention/nps-feedback-follow-up.yaml");
        String yaml = Files.readString(nps);
        assertThat(yaml).contains("detractor_due: 24h");
        Files.writeString(nps, yaml.replace("detractor_due: 24h", "detractor_due: 36h"));

        Run run = markdown(journeys);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("| `detractor_due` | 36h |").contains("| 36h (setting `detractor_due`) |");
        assertThat(staleness(run.out(), markdown(ROOT.resolve("journeys")).out()))
                .hasValueSatisfying(m -> assertThat(m)
                        .startsWith("docs/library.md is stale: run ./threshold journeys --markdown > docs/library.md")
                        .contains("committed: | `detractor_due` | 24h |")
                        .contains("generated: | `detractor_due` | 36h |"));
    }

    @Test
    void the_document_says_what_each_journey_does() throws Exception {
        String doc = markdown(ROOT.resolve("journeys")).out();

        // every journey of the library: its section, promise, every setting with its default, every map stage
        List<Journey> all = Scenarios.library(ROOT.resolve("journeys")).latest();
        assertThat(all).hasSizeGreaterThanOrEqualTo(28);
        for (Journey j : all) {
            assertThat(doc)
                    .as(j.id())
                    .contains("<a id=\"" + j.id() + "\"></a>\n\n### " + j.name() + " (`" + j.id() + "`)\n\n> ")
                    .contains(j.promise().strip());
            j.settings().forEach((k, v) -> assertThat(doc).as(j.id()).contains("| `" + k + "` | "));
            for (Stage s : j.stages()) {
                assertThat(doc)
                        .as(j.id() + " stage " + s.id())
                        .contains("| " + s.name().strip() + " | " + s.action().strip() + " | ")
                        .contains(" | " + String.join("; ", s.questions()) + " | " + String.join("; ", s.barriers())
                                + " |\n");
            }
        }
        assertThat(doc)
                // the web of hand-offs, as Mermaid, before the first journey
                .contains("```mermaid\nflowchart LR\n")
                .contains("  renewal-journey --> cancellation-save\n")
                .containsSubsequence("```mermaid", "## Activation", "## Onboarding", "## Retention", "## Growth")
                // the promise, audience, triggers in words, entry, goal and window, exits, hand-offs
                .contains(
                        "> Every maintenance rating gets an answer; detractors get a call, promoters a review request.")
                .contains("- **Starts:** when `feedback.submitted` arrives, if `event.topic == 'maintenance'`")
                .contains("- **Starts:** 90d before the date `event.end_date` carried by `lease.signed` or"
                        + " `lease.updated`, at 10:00 local time")
                .contains("when no `portal.login` has arrived for 21d (setting `silence`) after regular use")
                .contains("- **Entry:** once per work order, never again")
                .contains("- **Goal:** `tour.booked` within 24h of entry")
                .contains("`sms.replied`, if `has(event.keyword) && event.keyword == 'stop'` (opted out)")
                .contains("- **Hands off to:** [`cancellation-save`](#cancellation-save),"
                        + " [`renewal-expansion`](#renewal-expansion)")
                .contains("- **Handed people by:** [`renewal-journey`](#renewal-journey)")
                // settings with defaults, channels, tasks with role and due
                .contains("| `detractor_due` | 24h |")
                .contains("- **Channels:** email, sms, portal — ")
                .contains("| community-manager | Call ‹contact.name› about a ‹event.score›/10 repair rating"
                        + " (‹event.work_order_id›) | 24h (setting `detractor_due`) | regional-manager after 48h"
                        + " (setting `detractor_escalation`) |")
                // the map: one row per stage, questions and barriers joined with ";"
                .contains(
                        "| Matched | The lead sees the units that fit, with prices and dates | Wants a place that fits"
                                + " the budget, the date and the household | hopeful, impatient, comparing several listings |"
                                + " Is anything available when I need it?; What does it really cost?; Are pets OK? |"
                                + " no unit available; price; no answer |");
        // no table row breaks: every row of a table has its table's number of cells
        for (String row : doc.lines().filter(l -> l.startsWith("| ")).toList()) {
            long cells = row.replace("\\|", "").chars().filter(ch -> ch == '|').count() - 1;
            assertThat(cells).as(row).isIn(2L, 4L, 6L);
        }
    }

    @Test
    void graph_and_markdown_together_are_refused() {
        Run run = threshold("journeys", "--journeys", ROOT.resolve("journeys").toString(), "--graph", "--markdown");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--graph and --markdown are exclusive");
        assertThat(run.out()).isEmpty();
    }

    private static Path copyLibrary(Path dir) throws IOException {
        Path to = dir.resolve("journeys");
        try (Stream<Path> files = Files.list(ROOT.resolve("journeys"))) {
            for (Path category : files.filter(Files::isDirectory).toList()) {
                Path target = Files.createDirectories(to.resolve(category.getFileName()));
                try (Stream<Path> yamls = Files.list(category)) {
                    for (Path y :
                            yamls.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                        Files.copy(y, target.resolve(y.getFileName()));
                    }
                }
            }
        }
        return to;
    }
}
