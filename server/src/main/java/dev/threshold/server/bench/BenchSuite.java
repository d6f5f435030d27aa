package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./threshold bench}: every benchmark in one run, short (a smoke test of the suite) or full, written as
 * markdown. The durable runtime runs here, in this JVM, so its heap is this JVM's; JMH and the BPMN engine run
 * from the bench module's jar in JVMs of their own.
 */
public final class BenchSuite {
    public static final Set<String> PARTS = Set.of("jmh", "ingest", "latency", "waiting", "bpmn");

    /** What a run does; {@link #shortRun} and {@link #fullRun} are the two modes. */
    public record Settings(
            String mode,
            List<String> stores,
            String pgUrl,
            Set<String> parts,
            int warmUp,
            int events,
            int rate,
            int seconds,
            List<Integer> sizes,
            int bpmnInstances,
            int workers,
            int producers,
            List<String> jmhOptions,
            Path journeys,
            Path work) {

        public static Settings shortRun(Path journeys, Path work) {
            return new Settings(
                    "short",
                    List.of("sqlite", "postgres"),
                    "jdbc:postgresql://127.0.0.1:5432/",
                    PARTS,
                    1_000,
                    2_000,
                    1_000,
                    2,
                    List.of(1_000),
                    300,
                    2,
                    4,
                    // one in-process iteration of each benchmark: proves they run, measures little
                    List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "300ms", "-p", "units=2000"),
                    journeys,
                    work);
        }

        public static Settings fullRun(Path journeys, Path work) {
            return new Settings(
                    "full",
                    List.of("sqlite", "postgres"),
                    "jdbc:postgresql://127.0.0.1:5432/",
                    PARTS,
                    10_000,
                    100_000,
                    1_000,
                    20,
                    List.of(10_000, 100_000, 1_000_000),
                    20_000,
                    2,
                    4,
                    List.of("-prof", "gc"),
                    journeys,
                    work);
        }
    }

    private final Settings s;
    private final Subprocesses sub;
    private final PrintWriter out;
    private final Results results;

    public BenchSuite(Settings settings, Path benchJar, PrintWriter out, String command) {
        this.s = settings;
        this.sub = new Subprocesses(benchJar, out);
        this.out = out;
        this.results = new Results(settings.mode(), command);
    }

    public Results run() throws IOException, InterruptedException {
        if (s.parts().contains("jmh")) {
            jmh();
        }
        for (String store : s.stores()) {
            if (s.parts().contains("ingest") || s.parts().contains("latency")) {
                ingestAndLatency(store);
            }
            if (s.parts().contains("waiting")) {
                for (int n : s.sizes()) {
                    waiting(store, n);
                }
            }
        }
        if (s.parts().contains("bpmn")) {
            for (String store : s.stores()) {
                comparison(store);
            }
        }
        results.finish();
        return results;
    }

    private FreshStore open(String store) {
        return switch (store) {
            case "sqlite" -> FreshStore.sqlite(s.work());
            case "postgres" -> FreshStore.postgres(s.pgUrl(), "postgres");
            default -> throw new IllegalArgumentException("unknown store '" + store + "': sqlite or postgres");
        };
    }

    private void say(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    private void jmh() throws IOException, InterruptedException {
        say("== JMH: decide, CEL, Liquid, unit matching (%s)", String.join(" ", s.jmhOptions()));
        JsonNode runs = sub.jmh(s.jmhOptions());
        for (JsonNode b : runs) {
            String name = b.path("benchmark").asText().replaceFirst("^dev\\.threshold\\.bench\\.", "");
            JsonNode m = b.path("primaryMetric");
            double alloc = -1;
            var secondary = b.path("secondaryMetrics").properties();
            for (var e : secondary) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().path("score").asDouble();
                }
            }
            String params = b.path("params").isMissingNode() ? "" : " " + b.path("params");
            results.jmh(
                    name + params,
                    m.path("score").asDouble(),
                    m.path("scoreError").asDouble(),
                    alloc);
        }
    }

    private void ingestAndLatency(String store) {
        try (FreshStore fresh = open(store);
                DurableBench b = new DurableBench(fresh, Optional.of(s.journeys()), s.workers(), s.producers())) {
            say("== %s: durable ingest (%,d events after %,d to warm up)", fresh.kind(), s.events(), s.warmUp());
            b.warmUp(0, s.warmUp());
            if (s.parts().contains("ingest")) {
                DurableBench.Throughput t = b.throughput(s.warmUp(), s.events());
                say(
                        "  ingest %,.0f events/s durable; end to end (processed) %,.0f events/s",
                        t.ingestRate(), t.endToEndRate());
                results.throughput(fresh.kind(), t);
            }
            if (s.parts().contains("latency")) {
                DurableBench.Latency l = b.latency(s.warmUp() + s.events(), s.rate(), s.seconds());
                say(
                        "  latency at %,d events/s for %d s: p50 %d ms, p99 %d ms, max %d ms (%,d of %,d measured)",
                        l.rate(), l.seconds(), l.p50(), l.p99(), l.max(), l.measured(), l.events());
                results.latency(fresh.kind(), l);
            }
        }
    }

    private void waiting(String store, int n) {
        try (FreshStore fresh = open(store);
                DurableBench b = new DurableBench(fresh, Optional.of(s.journeys()), s.workers(), s.producers())) {
            say("== %s: %,d waiting instances, then their %,d timers due at once", fresh.kind(), n, n);
            long disk0 = fresh.sizeOnDisk();
            long heap0 = DurableBench.heapAfterGc();
            b.start();
            long t0 = System.nanoTime();
            b.produce("w-", 0, n, b::feedback);
            b.awaitProcessed();
            double fill = (System.nanoTime() - t0) / 1e9;
            b.stop();
            DurableBench.Footprint f = b.footprint(heap0, disk0);
            say(
                    "  %,d waiting (created in %.1f s); heap %,d MiB after GC (%,d MiB before: %,d B per instance);"
                            + " disk %,d B per instance",
                    f.waiting(),
                    fill,
                    f.heapUsed() >> 20,
                    f.heapBaseline() >> 20,
                    f.heapPerInstance(),
                    f.diskPerInstance());
            DurableBench.Drain d = b.drain(Duration.ofHours(3));
            say("  %,d timers drained in %.1f s = %,.0f timers/s", d.due(), d.seconds(), d.rate());
            results.waiting(fresh.kind(), n, fill, f, d);
        }
    }

    /** Instances started, and their timers drained, before the comparison measures: the same on both engines. */
    static int warmUpOf(int n) {
        return Math.min(5_000, Math.max(100, n / 10));
    }

    private void comparison(String store) throws IOException, InterruptedException {
        int n = s.bpmnInstances();
        DurableBench.Starts starts;
        DurableBench.Drain drain;
        String kind;
        try (FreshStore fresh = open(store);
                DurableBench b = new DurableBench(fresh, Optional.empty(), s.workers(), s.producers())) {
            kind = fresh.kind();
            say("== renewal reminder (email, 30 days, SMS) × %,d: Threshold on %s", n, kind);
            int warm = warmUpOf(n);
            b.renewalStarts("warm-", 0, warm);
            b.drain(Duration.ofDays(31)); // the timer path warmed up too
            starts = b.renewalStarts("r-", warm, n);
            if (starts.emails() != n) {
                throw new IllegalStateException(n + " renewal offers wrote " + starts.emails() + " emails");
            }
            drain = b.drain(Duration.ofDays(31));
            long sms = b.outbox("sms");
            if (sms != n + warm) {
                throw new IllegalStateException("after the drain " + sms + " SMS of " + (n + warm) + " were written");
            }
            say(
                    "  %,.0f starts/s; %,d timers drained in %.1f s = %,.0f timers/s",
                    starts.rate(), drain.due(), drain.seconds(), drain.rate());
        }
        List<String> opts = new ArrayList<>(List.of(
                "--instances",
                String.valueOf(n),
                "--warm-up",
                String.valueOf(warmUpOf(n)),
                "--db",
                store.equals("sqlite") ? "h2" : "postgres",
                "--work",
                s.work().toString()));
        if (store.equals("postgres")) {
            opts.addAll(List.of("--pg-url", FreshStore.serverPart(s.pgUrl())));
        }
        say("  Flowable on %s ...", store.equals("sqlite") ? "H2 (embedded, file)" : "PostgreSQL");
        JsonNode f = sub.flowable(opts);
        say(
                "  Flowable: %,.0f starts/s; %,d timers drained in %.1f s = %,.0f timers/s",
                f.path("starts_per_second").asDouble(),
                f.path("timers").asLong(),
                f.path("drain_seconds").asDouble(),
                f.path("timers_per_second").asDouble());
        results.comparison(kind, n, starts, drain, f);
    }

    /** The figures of one run, as markdown. */
    public static final class Results {
        private final String mode;
        private final String command;
        private final LocalDate date = LocalDate.now(ZoneOffset.UTC);
        private final String loadBefore = Machine.loadAverage();
        private String loadAfter = "";
        private final List<String> jmh = new ArrayList<>();
        private final Map<String, String[]> durable = new LinkedHashMap<>();
        private final List<String> waiting = new ArrayList<>();
        private final List<String> bpmn = new ArrayList<>();
        private final List<String> summary = new ArrayList<>();

        Results(String mode, String command) {
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
            bpmn.add(String.format(
                    Locale.ROOT,
                    "| %s | Threshold on %s | %s/s | %s/s |",
                    n(instances),
                    store,
                    n(st.rate()),
                    n(d.rate())));
            bpmn.add(String.format(
                    Locale.ROOT,
                    "| %s | %s on %s (%s) | %s/s | %s/s |",
                    n(instances),
                    f.path("engine").asText(),
                    f.path("database").asText(),
                    "history " + f.path("history").asText() + ", "
                            + f.path("threads").asInt() + " threads × batches of "
                            + f.path("batch").asInt() + ", async executor "
                            + f.path("executor_threads").asInt()
                            + " threads",
                    n(fs),
                    n(fd)));
            bpmn.add(String.format(
                    Locale.ROOT,
                    "| | **ratio Threshold / Flowable** | **%.1f×** | **%.1f×** |",
                    st.rate() / fs,
                    d.rate() / fd));
            summary.add(String.format(
                    Locale.ROOT, "vs Flowable (%s): starts %.1f×, drain %.1f×", store, st.rate() / fs, d.rate() / fd));
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

        public String markdown(String previousHistory) {
            StringBuilder md = new StringBuilder();
            md.append("# Benchmark results\n\n")
                    .append("*Written by `./threshold bench`; do not edit by hand (the run rewrites it). What each")
                    .append(" figure means and how to read it: [benchmarks.md](benchmarks.md).*\n\n")
                    .append("- **Run:** ")
                    .append(date)
                    .append(", ")
                    .append(mode)
                    .append(" mode: `")
                    .append(command)
                    .append("`\n")
                    .append("- **Machine:** ")
                    .append(Machine.describe())
                    .append("\n")
                    .append("- **JDK:** ")
                    .append(Machine.jdk())
                    .append("\n")
                    .append("- **Load average** (1, 5, 15 min) at the start: ")
                    .append(loadBefore)
                    .append("; at the end: ")
                    .append(loadAfter)
                    .append(". Other builds share the machine's cores: above the core count, figures are low.\n");
            if (!jmh.isEmpty()) {
                md.append("\n## JMH microbenchmarks\n\n| benchmark | ops/s | allocated per op |\n|---|---|---|\n");
                jmh.forEach(l -> md.append(l).append('\n'));
            }
            if (!durable.isEmpty()) {
                md.append("\n## Durable runtime: ingest and latency\n\n| store | measure | figure |\n|---|---|---|\n");
                durable.forEach((k, v) -> md.append("| ")
                        .append(k.substring(0, k.indexOf(' ')))
                        .append(" | ")
                        .append(v[0])
                        .append(" | ")
                        .append(v[1])
                        .append(" |\n"));
            }
            if (!waiting.isEmpty()) {
                md.append("\n## Waiting instances and due timers\n\n")
                        .append("| store | waiting instances | created in | heap used after GC | heap per instance")
                        .append(
                                " | disk per instance | timers due at once, drained |\n|---|---|---|---|---|---|---|\n");
                waiting.forEach(l -> md.append(l).append('\n'));
            }
            if (!bpmn.isEmpty()) {
                md.append("\n## Renewal reminder against a BPMN engine\n\n")
                        .append("Email, wait 30 days, SMS; process starts per second, and the thirty-day timers")
                        .append(" drained per second once due.\n\n")
                        .append("| instances | engine | starts | timers drained |\n|---|---|---|---|\n");
                bpmn.forEach(l -> md.append(l).append('\n'));
            }
            md.append("\n## History of runs\n\n")
                    .append(HISTORY_START)
                    .append("\n| date | mode | figures |\n|---|---|---|\n");
            if (!previousHistory.isBlank()) {
                md.append(previousHistory.strip()).append('\n');
            }
            md.append(historyRow()).append('\n').append(HISTORY_END).append('\n');
            return md.toString();
        }

        static final String HISTORY_START = "<!-- history:start (rows kept by ./threshold bench) -->";
        static final String HISTORY_END = "<!-- history:end -->";

        /** The rows of an earlier results file's history, without its header. */
        public static String history(Path file) throws IOException {
            if (!Files.exists(file)) {
                return "";
            }
            String text = Files.readString(file);
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
    }
}
