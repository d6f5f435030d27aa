package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.server.Threshold;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new Threshold());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", dir.resolve("threshold.db").toString()));
        return cli.execute(all.toArray(String[]::new));
    }

    static String sample(String relative) {
        return Path.of(System.getProperty("threshold.root", ".."), "examples", "imports", relative)
                .toString();
    }

    private String[] allSamples(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "mits",
                sample("mits/summit-properties.xml"),
                "csv",
                sample("csv/units.csv"),
                sample("csv/contacts.csv"),
                sample("csv/leases.csv"),
                "--now",
                "2027-03-01T16:00:00Z"));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @Test
    void a_dry_run_plans_a_property_feed_then_csv_files_and_stores_nothing() {
        int code = run(allSamples("--dry-run"));

        assertThat(code).isEqualTo(0);
        assertThat(out.toString())
                .startsWith("Dry run: nothing is stored")
                .contains("summit-properties.xml (mits-properties)")
                .contains("  units        8 to create, 0 to update, 0 unchanged")
                .contains("  events       unit.available: 5")
                .contains("  events       lease.signed: 1")
                .contains("In all: 31 record(s) to write, 8 event(s) to emit.");
        assertThat(run(allSamples("--dry-run")))
                .as("a second dry run still finds nothing stored")
                .isZero();
        assertThat(out.toString()).contains("  units        8 to create, 0 to update, 0 unchanged");
    }

    @Test
    void an_import_writes_the_records_and_ingests_its_events_once_even_when_run_again() {
        assertThat(run(allSamples())).isZero();
        assertThat(out.toString())
                .startsWith("Importing into tenant 'default'")
                .contains("  units        8 created, 0 updated, 0 unchanged")
                .contains("  ingested     5 accepted, 0 already ingested, 0 rejected")
                .contains("In all: 31 record(s) written, 8 event(s) emitted.");

        assertThat(run(allSamples())).isZero();
        assertThat(out.toString())
                .as("the same files again change nothing and emit nothing new")
                .contains("  units        0 created, 0 updated, 8 unchanged")
                .contains("In all: 0 record(s) written, 0 event(s) emitted.");
        assertThat(run(allSamples("--tenant", "other", "--dry-run"))).isZero();
        assertThat(out.toString())
                .as("another tenant has none of it")
                .contains("  units        8 to create, 0 to update, 0 unchanged");
    }

    @Test
    void a_broken_file_prints_every_problem_and_exits_one() {
        int code = run("import", "mits", sample("mits/broken-properties.xml"), sample("mits/summit-properties.xml"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("broken-properties.xml:25:20: PhysicalProperty/Property[pine-hollow]/ILS_Unit[11]/Units/Unit/"
                        + "MarketRent: 'call us' is not an amount")
                .contains("7 problem(s); nothing of it was written, and the files after it were not read");
    }

    @Test
    void a_wrong_format_is_a_usage_error() {
        assertThat(run("import", "xlsx", "rent-roll.xlsx")).isEqualTo(2);
        assertThat(err.toString()).contains("'xlsx' is not a format; use mits or csv");
    }
}
