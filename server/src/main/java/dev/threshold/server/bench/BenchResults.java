package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, as markdown. */
public final class BenchResults {
    private final String mode;
    private final String command;
    private final LocalDate date = LocalDate.now(ZoneOffset.UTC);
    private final String loadBefore = Machine.loadAverage();
    private String loadAfter = "";
    private final List<String> jmh = new ArrayList<>();
    private final Map<String, String[]> durable = new LinkedHashMap<>();
    private final List<String> waiting = new ArrayList<>();
    private final List<String> bpmn = new ArrayList<>();
    private final List<String> year = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    BenchResults(String mode, String command) {
        this.mode = mode;
        this.command = command;
    }

    void jmh(String name, double score, double error, double alloc) {
        jmh.add(String.format(
                Locale.ROOT,
                "| `%s` | %s | %s |",
                name,
                Double.isNaN(error) ? n(score) : n(score) + " ± " + n(error),
                alloc < 0 ? "" : bytes((long) alloc)));
    }

    void throughput(String store, DurableBench.Throughput t) {
        durable.put(store + " ingest", new String[] {
            "durable ingest with processing running",
            String.format(Locale.ROOT, "%s events/s (%s events)", n(t.ingestRate()), n(t.events()))
        });
        durable.put(store + " end", new String[] {
            "ingest + processing, end to end", String.format(Locale.ROOT, "%s events/s", n(t.endToEndRate()))
        });
        summary.add(store + " ingest " + n(t.ingestRate()) + "/s");
    }

    void latency(String store, DurableBench.Latency l) {
        durable.put(store + " latency", new String[] {
            "ingest → outbox at " + n(l.rate()) + " events/s (" + l.seconds() + " s)",
            String.format(
                    Locale.ROOT,
                    "p50 %d ms, p99 %d ms, max %d ms (%s measured)",
                    l.p50(),
                    l.p99(),
                    l.max(),
                    n(l.measured()))
        });
        summary.add(store + " p99 " + l.p99() + " ms");
    }

    void waiting(String store, int n, double fillSeconds, DurableBench.Footprint f, DurableBench.Drain d) {
        waiting.add(String.format(
                Locale.ROOT,
                "| %s | %s | %.1f s | %s MiB (%s MiB before) | %s B | %s B | %s in %.1f s = %s/s |",
                store,
                n(f.waiting()),
                fillSeconds,
                n(f.heapUsed() >> 20),
                n(f.heapBaseline() >> 20),
                n(f.heapPerInstance()),
                n(f.diskPerInstance()),
                n(d.due()),
                d.seconds(),
                n(d.rate())));
        summary.add(store + " " + n(n) + " timers " + n(d.rate()) + "/s");
    }

    void comparison(String store, int instances, DurableBench.Starts st, DurableBench.Drain d, JsonNode f) {
        double fs = f.path("starts_per_second").asDouble();
        double fd = f.path("timers_per_second").asDouble();
        double fsCpu = f.path("cpu_us_per_start").asDouble();
        double fdCpu = f.path("cpu_us_per_timer").asDouble();
        bpmn.add(String.format(
                Locale.ROOT,
                "| %s | Threshold on %s | %s/s | %s µs | %s/s | %s µs |",
                n(instances),
                store,
                n(st.rate()),
                n(st.cpuMicrosEach()),
                n(d.rate()),
                n(d.cpuMicrosEach())));
        bpmn.add(String.format(
                Locale.ROOT,
                "| %s | Flowable %s on %s (%s) | %s/s | %s µs | %s/s | %s µs |",
                n(instances),
                f.path("engine").asText().replaceFirst("^Flowable ", ""),
                f.path("database").asText(),
                "history " + f.path("history").asText() + ", "
                        + f.path("threads").asInt() + " threads × batches of "
                        + f.path("batch").asInt() + ", async executor "
                        + f.path("executor_threads").asInt()
                        + " threads",
                n(fs),
                n(fsCpu),
                n(fd),
                n(fdCpu)));
        bpmn.add(String.format(
                Locale.ROOT,
                "| | **Threshold's advantage** (Flowable's cost / Threshold's) | **%.1f×** | **%.1f×** | **%.1f×** |"
                        + " **%.1f×** |",
                st.rate() / fs,
                fsCpu / st.cpuMicrosEach(),
                d.rate() / fd,
                fdCpu / d.cpuMicrosEach()));
        summary.add(String.format(
                Locale.ROOT,
                "vs Flowable (%s): starts %.1f× (CPU %.1f×), drain %.1f× (CPU %.1f×)",
                store,
                st.rate() / fs,
                fsCpu / st.cpuMicrosEach(),
                d.rate() / fd,
                fdCpu / d.cpuMicrosEach()));
    }

    void year(String store, YearBench.Year y) {
        year.add(String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %s | %.1f s | %.1f s | **%s** | %s/s | %s | %s |",
                store,
                n(y.residents()),
                y.days(),
                n(y.events()) + (y.rejected() > 0 ? " (" + n(y.rejected()) + " rejected)" : ""),
                n(y.newcomers()),
                y.generateSeconds(),
                y.loadSeconds(),
                duration(y.seconds()),
                n(y.eventsPerSecond()),
                n(y.instances()),
                n(y.messages())));
        summary.add(store + " " + y.days() + " days of " + n(y.residents()) + " residents " + duration(y.seconds()));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    void finish() {
        loadAfter = Machine.loadAverage();
    }

    static String n(double v) {
        return v >= 100 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String bytes(long b) {
        return b >= 10_000 ? String.format(Locale.ROOT, "%.1f KB", b / 1000.0) : b + " B";
    }

    /** One line for the history of runs. */
    public String historyRow() {
        return "| " + date + " | " + mode + " | " + String.join("; ", summary) + " |";
    }

    /**
     * The results file: this run's sections, and for the sections this run did not measure (a run of some
     * {@code --parts}), the previous file's, each with the run it came from; then the history of runs.
     */
    public String markdown(String previous) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n")
                .append("*Written by `./threshold bench`; do not edit by hand (each run rewrites what it measured and")
                .append(
                        " keeps the rest). What each figure means and how to read it: [benchmarks.md](benchmarks.md).*\n\n")
                .append("- **Machine:** ")
                .append(Machine.describe())
                .append("\n")
                .append("- **JDK:** ")
                .append(Machine.jdk())
                .append("\n")
                .append("- Each section says the run it comes from, with the load average (1, 5, 15 min) at its start")
                .append(" and end: other builds share the machine's cores, and above the core count the figures are")
                .append(" low.\n");
        String run = String.format(
                Locale.ROOT,
                "*Measured %s, %s mode: `%s`; load average %s at the start, %s at the end.*\n\n",
                date,
                mode,
                command,
                loadBefore,
                loadAfter);
        section(md, previous, "jmh", jmh.isEmpty() ? null : run + jmhTable());
        section(md, previous, "durable", durable.isEmpty() ? null : run + durableTable());
        section(md, previous, "waiting", waiting.isEmpty() ? null : run + table(WAITING_HEAD, waiting));
        section(md, previous, "bpmn", bpmn.isEmpty() ? null : run + BPMN_INTRO + table(BPMN_HEAD, bpmn));
        section(md, previous, "year", year.isEmpty() ? null : run + YEAR_INTRO + table(YEAR_HEAD, year));
        md.append("\n## History of runs\n\n")
                .append(HISTORY_START)
                .append("\n| date | mode | figures |\n|---|---|---|\n");
        String rows = history(previous);
        if (!rows.isBlank()) {
            md.append(rows.strip()).append('\n');
        }
        md.append(historyRow()).append('\n').append(HISTORY_END).append('\n');
        return md.toString();
    }

    private static final Map<String, String> TITLES = Map.of(
            "jmh", "JMH microbenchmarks",
            "durable", "Durable runtime: ingest and latency",
            "waiting", "Waiting instances and due timers",
            "bpmn", "Renewal reminder against a BPMN engine",
            "year", "A simulated year of the journey library");
    private static final String WAITING_HEAD =
            "| store | waiting instances | created in | heap used after GC | heap per"
                    + " instance | disk per instance | timers due at once, drained |";
    private static final String BPMN_INTRO = "Email, wait 30 days, SMS: process starts per second, and the thirty-day"
            + " timers drained per second once due; with each the engine process's CPU time per start or timer (all"
            + " its threads; on PostgreSQL the database server's CPU is not in it), which holds on a busy"
            + " machine.\n\n";
    private static final String BPMN_HEAD =
            "| instances | engine | starts | CPU per start | timers drained | CPU per timer |";
    private static final String YEAR_INTRO = "All 28 journeys over a synthetic portfolio's coming year"
            + " (`ActivityGenerator`), a day at a time, durably.\n\n";
    private static final String YEAR_HEAD =
            "| store | residents | days | events | newcomers | generated in | records loaded in"
                    + " | wall time | events/s | instances | messages |";

    private static void section(StringBuilder md, String previous, String part, String body) {
        String start = "<!-- part:" + part + " -->";
        String end = "<!-- /part:" + part + " -->";
        if (body == null) {
            int a = previous.indexOf(start);
            int b = previous.indexOf(end);
            if (a >= 0 && b > a) {
                md.append('\n').append(previous, a, b + end.length()).append('\n');
            }
            return;
        }
        md.append('\n')
                .append(start)
                .append("\n## ")
                .append(TITLES.get(part))
                .append("\n\n")
                .append(body)
                .append(end)
                .append('\n');
    }

    private static String table(String head, List<String> rows) {
        StringBuilder t = new StringBuilder(head).append('\n');
        t.append("|---".repeat((int) head.chars().filter(c -> c == '|').count() - 1))
                .append("|\n");
        rows.forEach(r -> t.append(r).append('\n'));
        return t.toString();
    }

    private String jmhTable() {
        return table("| benchmark | ops/s | allocated per op |", jmh);
    }

    private String durableTable() {
        List<String> rows = new ArrayList<>();
        durable.forEach((k, v) -> rows.add("| " + k.substring(0, k.indexOf(' ')) + " | " + v[0] + " | " + v[1] + " |"));
        return table("| store | measure | figure |", rows);
    }

    static final String HISTORY_START = "<!-- history:start (rows kept by ./threshold bench) -->";
    static final String HISTORY_END = "<!-- history:end -->";

    /** The rows of an earlier results file's history, without its header. */
    static String history(String text) {
        int a = text.indexOf(HISTORY_START);
        int b = text.indexOf(HISTORY_END);
        if (a < 0 || b < a) {
            return "";
        }
        StringBuilder rows = new StringBuilder();
        for (String line : text.substring(a + HISTORY_START.length(), b).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| date ")) {
                rows.append(line).append('\n');
            }
        }
        return rows.toString();
    }

    /** An earlier results file's text, or nothing. */
    public static String previous(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
