package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./threshold bench}: every benchmark in one run, short (a smoke test of the suite) or full, written as
 * markdown. The durable runtime runs here, in this JVM, so its heap is this JVM's; JMH and the BPMN engine run
 * from the bench module's jar in JVMs of their own.
 */
public final class BenchSuite {
    public static final Set<String> PARTS = Set.of("jmh", "ingest", "latency", "waiting", "bpmn", "year");

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
            List<Integer> yearResidents,
            int yearDays,
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
                    List.of(100),
                    30,
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
                    List.of(10_000, 100_000),
                    365,
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
    private final BenchResults results;

    public BenchSuite(Settings settings, Path benchJar, PrintWriter out, String command) {
        this.s = settings;
        this.sub = new Subprocesses(benchJar, out);
        this.out = out;
        this.results = new BenchResults(settings.mode(), command);
    }

    public BenchResults run() throws IOException, InterruptedException {
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
        if (s.parts().contains("year")) {
            for (String store : s.stores()) {
                for (int residents : s.yearResidents()) {
                    year(store, residents);
                }
            }
        }
        results.finish();
        return results;
    }

    private FreshStore open(String store) {
        FreshStore fresh = switch (store) {
            case "sqlite" -> FreshStore.sqlite(s.work());
            case "postgres" -> FreshStore.postgres(s.pgUrl(), "postgres");
            default -> throw new IllegalArgumentException("unknown store '" + store + "': sqlite or postgres");
        };
        if (fresh.analyzesItself()) {
            say("  (the server's autovacuum is off: the run analyzes its database every 15 s, as autovacuum would)");
        }
        return fresh;
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

    private void year(String store, int residents) {
        try (FreshStore fresh = open(store)) {
            say(
                    "== %s: %d simulated days of the 28 journeys over %,d residents",
                    fresh.kind(), s.yearDays(), residents);
            YearBench.Year y =
                    YearBench.run(fresh, s.journeys(), residents, s.yearDays(), s.workers(), line -> say("%s", line));
            say(
                    "  %,d events (%,d rejected) in %.0f s = %,.0f events/s; %,d instances, %,d messages",
                    y.events(), y.rejected(), y.seconds(), y.eventsPerSecond(), y.instances(), y.messages());
            results.year(fresh.kind(), y);
        }
    }

    /** Instances started, and their timers drained, before the comparison measures: the same on both engines. */
    static int warmUpOf(int n) {
        return Math.min(5_000, Math.max(100, n / 5));
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
                    "  %,.0f starts/s (%.0f µs CPU each); %,d timers drained in %.1f s = %,.0f timers/s (%.0f µs CPU"
                            + " each)",
                    starts.rate(),
                    starts.cpuMicrosEach(),
                    drain.due(),
                    drain.seconds(),
                    drain.rate(),
                    drain.cpuMicrosEach());
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
                "  Flowable: %,.0f starts/s (%.0f µs CPU each); %,d timers drained in %.1f s = %,.0f timers/s (%.0f µs"
                        + " CPU each)",
                f.path("starts_per_second").asDouble(),
                f.path("cpu_us_per_start").asDouble(),
                f.path("timers").asLong(),
                f.path("drain_seconds").asDouble(),
                f.path("timers_per_second").asDouble(),
                f.path("cpu_us_per_timer").asDouble());
        results.comparison(kind, n, starts, drain, f);
    }
}
