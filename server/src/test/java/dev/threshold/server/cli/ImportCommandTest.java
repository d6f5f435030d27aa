package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.server.Threshold;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImportCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = new CommandLine(new Threshold());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    static String sample(String relative) {
        return Path.of(System.getProperty("threshold.root", ".."), "examples", "imports", relative)
                .toString();
    }

    @Test
    void a_property_feed_then_csv_files_import_in_one_run_and_the_output_says_it_was_a_dry_run() {
        int code = run(
                "import",
                "mits",
                sample("mits/summit-properties.xml"),
                "csv",
                sample("csv/units.csv"),
                sample("csv/contacts.csv"),
                sample("csv/leases.csv"),
                "--now",
                "2027-03-01T16:00:00Z");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString())
                .startsWith("Dry run against an in-memory repository: nothing is stored")
                .contains("summit-properties.xml (mits-properties)")
                .contains("  units        8 to create, 0 to update, 0 unchanged")
                .contains("  events       unit.available: 5")
                .contains("  events       lease.signed: 1")
                .contains("In all: 31 record(s) to write, 8 event(s) to emit.");
    }

    @Test
    void a_broken_file_prints_every_problem_and_exits_one() {
        int code = run("import", "mits", sample("mits/broken-properties.xml"), sample("mits/summit-properties.xml"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("broken-properties.xml:25:20: PhysicalProperty/Property[pine-hollow]/ILS_Unit[11]/Units/Unit/"
                        + "MarketRent: 'call us' is not an amount")
                .contains("7 problem(s); nothing of it would be written, and the files after it were not read");
    }

    @Test
    void a_wrong_format_is_a_usage_error() {
        assertThat(run("import", "xlsx", "rent-roll.xlsx")).isEqualTo(2);
        assertThat(err.toString()).contains("'xlsx' is not a format; use mits or csv");
    }
}
