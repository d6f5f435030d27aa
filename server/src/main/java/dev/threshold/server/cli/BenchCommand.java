package dev.threshold.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.SqliteStore;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import dev.threshold.server.bench.BenchClock;
import dev.threshold.server.bench.BenchResidents;
import dev.threshold.server.bench.BenchResults;
import dev.threshold.server.bench.BenchSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code threshold bench}: the benchmark suite ({@code --short} or {@code --full}, see {@link BenchSuite}), and
 * {@code threshold bench ingest}: the durable runtime's numbers on one store. Sustained events/s with durable
 * commits (ingest, and ingest plus processing), p50/p99 latency from ingest to outbox at a fixed rate, bytes on
 * disk and heap with N waiting instances, and the time to drain N timers that fall due at once.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "The benchmark suite: JMH (decide, CEL, Liquid, unit matching), durable ingest, latency, waiting"
                    + " instances and timer drain on SQLite and PostgreSQL, the renewal reminder against an"
                    + " embedded BPMN engine (Flowable), and the simulated year. Writes docs/benchmarks-results.md"
                    + " in --full mode. Subcommands: ingest, cluster (1, 2, 3 nodes), dashboard (pages at 1M).",
            "Run it through ./threshold bench, which builds the bench module's jar it needs."
        },
        subcommands = {BenchCommand.Ingest.class, ClusterBench.class, DashboardBench.class})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(
                names = "--short",
                description = "small sizes, a few minutes: checks that every part still runs (CI smoke)")
        boolean quick;

        @Option(names = "--full", description = "the recorded figures: 10k/100k/1M waiting instances; an hour or more")
        boolean full;
    }

    @Option(
            names = "--stores",
            split = ",",
            paramLabel = "STORE",
            description = "stores to measure: sqlite,postgres (default both)")
    List<String> stores;

    @Option(
            names = "--pg-url",
            paramLabel = "URL",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/",
            description = "the PostgreSQL server; each run creates a database of its own there and drops it after"
                    + " (default ${DEFAULT-VALUE})")
    String pgUrl;

    @Option(
            names = "--parts",
            split = ",",
            paramLabel = "PART",
            description = "what to run: jmh,ingest,latency,waiting,bpmn,year (default all)")
    List<String> parts;

    @Option(
            names = "--sizes",
            split = ",",
            paramLabel = "N",
            description = "waiting instances (and timers drained) to measure at (default: short 1000; full"
                    + " 10000,100000,1000000)")
    List<Integer> sizes;

    @Option(names = "--events", paramLabel = "N", description = "events of the ingest run (short 2000, full 100000)")
    Integer events;

    @Option(names = "--seconds", paramLabel = "S", description = "length of the latency run (short 2, full 20)")
    Integer seconds;

    @Option(
            names = "--bpmn-instances",
            paramLabel = "N",
            description = "renewal reminders of the BPMN comparison (short 300, full 20000)")
    Integer bpmnInstances;

    @Option(
            names = "--year-residents",
            split = ",",
            paramLabel = "N",
            description = "residents of the simulated year (short 100; full 10000,100000)")
    List<Integer> yearResidents;

    @Option(names = "--jmh", paramLabel = "ARGS", description = "JMH options instead of the mode's, e.g. \"-f 1 -i 3\"")
    String jmh;

    @Option(
            names = "--results",
            paramLabel = "FILE",
            description = "where to write the markdown (default: --full docs/benchmarks-results.md; --short only the"
                    + " terminal)")
    Path resultsFile;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "folder for the benchmark's SQLite and H2 files (default: a temporary folder)")
    Path work;

    @Option(
            names = "--bench-jar",
            paramLabel = "JAR",
            description = "the bench module's jar (default bench/target/benchmarks.jar of the checkout)")
    Path benchJar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Optional.ofNullable(System.getenv("THRESHOLD_HOME"))
                .map(Path::of)
                .orElse(Path.of("."));
        Path folder = work != null ? work : java.nio.file.Files.createTempDirectory("threshold-bench-");
        BenchSuite.Settings base = mode.full
                ? BenchSuite.Settings.fullRun(Workspace.journeys(), folder)
                : BenchSuite.Settings.shortRun(Workspace.journeys(), folder);
        if (parts != null) {
            for (String p : parts) {
                if (!BenchSuite.PARTS.contains(p)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--parts: unknown part '" + p + "' (known: " + BenchSuite.PARTS + ")");
                }
            }
        }
        if (stores != null) {
            for (String st : stores) {
                if (!st.equals("sqlite") && !st.equals("postgres")) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--stores: unknown store '" + st + "' (sqlite or postgres)");
                }
            }
        }
        BenchSuite.Settings settings = new BenchSuite.Settings(
                base.mode(),
                stores != null ? List.copyOf(stores) : base.stores(),
                pgUrl,
                parts != null ? java.util.Set.copyOf(parts) : base.parts(),
                base.warmUp(),
                events != null ? events : base.events(),
                base.rate(),
                seconds != null ? seconds : base.seconds(),
                sizes != null ? List.copyOf(sizes) : base.sizes(),
                bpmnInstances != null ? bpmnInstances : base.bpmnInstances(),
                yearResidents != null ? List.copyOf(yearResidents) : base.yearResidents(),
                base.yearDays(),
                base.workers(),
                base.producers(),
                jmh != null ? List.of(jmh.trim().split("\\s+")) : base.jmhOptions(),
                base.journeys(),
                folder);
        Path jar = benchJar != null ? benchJar : home.resolve("bench/target/benchmarks.jar");
        List<String> given =
                new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!given.isEmpty() && given.get(0).equals("bench")) {
            given.remove(0); // picocli gives the whole command line, from the top command's first word
        }
        String command = "./threshold bench " + String.join(" ", given);
        out.printf(
                "threshold bench, %s mode: %s; stores %s; work folder %s%n",
                settings.mode(), settings.parts(), settings.stores(), folder);
        if (!mode.full) {
            out.println(
                    "(short mode checks that the suite runs; --full measures the figures docs/benchmarks.md records)");
        }
        out.flush();
        long t0 = System.nanoTime();
        BenchResults results = new BenchSuite(settings, jar, out, command.strip()).run();
        Path file = resultsFile != null ? resultsFile : mode.full ? home.resolve("docs/benchmarks-results.md") : null;
        String md = results.markdown(file == null ? "" : BenchResults.previous(file));
        if (file != null) {
            java.nio.file.Files.writeString(file, md);
            out.printf("results written to %s%n", file);
        } else {
            out.println();
            out.print(md);
        }
        out.printf("the suite took %.0f s%n", (System.nanoTime() - t0) / 1e9);
        if (work == null) {
            try (var files = java.nio.file.Files.list(folder)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            java.nio.file.Files.deleteIfExists(folder);
        }
        return 0;
    }

    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = "Measure ingest, processing, latency, footprint and timer drain.")
    static final class Ingest implements java.util.concurrent.Callable<Integer> {
        private static final String TENANT = "bench";
        private static final int WARM_UP = 10_000;

        @Mixin
        StoreOptions store;

        @Option(
                names = "--waiting",
                defaultValue = "1000000",
                description = "waiting instances to create (default 1,000,000)")
        int waiting;

        @Option(names = "--rate", defaultValue = "1000", description = "events/s for the latency run (default 1000)")
        int rate;

        @Option(names = "--seconds", defaultValue = "20", description = "length of the latency run (default 20)")
        int seconds;

        @Option(names = "--workers", defaultValue = "2", description = "worker threads (default 2)")
        int workers;

        @Option(names = "--producers", defaultValue = "4", description = "threads ingesting (default 4)")
        int producers;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final BenchClock clock = new BenchClock();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = Stores.open(store.config())) {
                ThresholdRuntime rt = ThresholdRuntime.builder(s, clock)
                        .channel(new RecordingChannel(EnumSet.allOf(Channel.class)))
                        .batchSize(2000)
                        .workers(workers)
                        .timerBatch(2000)
                        .dispatchBatch(1000)
                        .build();
                rt.journeys().publishAll(TENANT, Workspace.journeys());
                out.printf(
                        "store: %s, %d cores, max heap %d MiB%n",
                        s.describe(),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20);
                long before = footprint(s);
                setUp(rt, waiting + rate * seconds + WARM_UP, out);
                warmUp(rt, waiting + rate * seconds);
                throughput(rt, out);
                latency(rt, s, out);
                rt.close();
                footprint(rt, s, before, out);
                drain(rt, clock, out);
            }
            return 0;
        }

        private void setUp(ThresholdRuntime rt, int contacts, PrintWriter out) {
            rt.directory().saveCommunity(TENANT, CommunityView.minimal("cedar-ridge", ZoneId.of("America/Denver")));
            long t0 = System.nanoTime();
            List<ContactView> chunk = new ArrayList<>();
            for (int i = 0; i < contacts; i++) {
                chunk.add(resident(i));
                if (chunk.size() == 10_000) {
                    rt.directory().saveContacts(TENANT, chunk);
                    chunk.clear();
                }
            }
            rt.directory().saveContacts(TENANT, chunk);
            out.printf("set-up: %,d contacts in %.1f s%n", contacts, (System.nanoTime() - t0) / 1e9);
        }

        /**
         * Events for contacts of their own, ingested and processed before anything is measured, so that the
         * figures are of compiled code, not of the JIT compiler at work.
         */
        private void warmUp(ThresholdRuntime rt, int firstContact) throws InterruptedException {
            produce(rt, "warm-", firstContact, firstContact + WARM_UP);
            rt.start();
            awaitProcessed(rt);
            rt.close();
        }

        /** CPU time so far per kind of thread (digits dropped from names: all workers are one kind). */
        private static Map<String, Long> cpuByThread() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Long> out = new java.util.TreeMap<>();
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null) {
                    long ns = mx.getThreadCpuTime(t.getThreadId());
                    if (ns > 0) {
                        out.merge(t.getThreadName().replaceAll("[0-9]+", "N"), ns, Long::sum);
                    }
                }
            }
            return out;
        }

        /** Where the CPU went since a snapshot, in µs per item, the largest first. */
        private static String cpuSince(Map<String, Long> before, long items) {
            Map<String, Long> now = cpuByThread();
            return now.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(6)
                    .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / 1e3 / items))
                    .collect(java.util.stream.Collectors.joining(", ", "  µs CPU per item by thread: ", ""));
        }

        /** Process CPU time in nanoseconds: figures per event that stay true on a busy machine. */
        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** Ingests events {@code from} (inclusive) to {@code to} (exclusive) on the producer threads. */
        private void produce(ThresholdRuntime rt, String prefix, int from, int to) throws InterruptedException {
            AtomicLong next = new AtomicLong(from);
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                work.add(pool.submit(() -> {
                    long start;
                    while ((start = next.getAndAdd(500)) < to) {
                        List<JsonNode> batch = new ArrayList<>();
                        for (long i = start; i < Math.min(to, start + 500); i++) {
                            batch.add(event(prefix + i, (int) i, 10));
                        }
                        for (IngestResult r : rt.ingest().ingest(TENANT, batch)) {
                            if (!(r instanceof IngestResult.Accepted)) {
                                throw new IllegalStateException(r.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            pool.shutdown();
        }

        private static void awaitProcessed(ThresholdRuntime rt) {
            while (rt.worker().hasBacklog()) {
                LockSupport.parkNanos(10_000_000L);
            }
        }

        /**
         * Three runs over {@code waiting} events split in halves: ingest alone (workers stopped), the backlog
         * processed alone, then the second half ingested while the workers process it.
         */
        private void throughput(ThresholdRuntime rt, PrintWriter out) throws InterruptedException {
            int half = waiting / 2;
            Map<String, Long> ingestThreads = cpuByThread();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            produce(rt, "w-", 0, half);
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "ingest alone: %,d events durably appended in %.1f s = %,.0f events/s; %.0f µs CPU per event"
                            + " (%d producers, batches of 500)%n",
                    half, s, half / s, (cpuNanos() - c0) / 1e3 / half, producers);
            out.println(cpuSince(ingestThreads, half));
            c0 = cpuNanos();
            Map<String, Long> threads = cpuByThread();
            t0 = System.nanoTime();
            rt.start();
            awaitProcessed(rt);
            s = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "processing alone: %,d events processed in %.1f s = %,.0f events/s; %.0f µs CPU per event%n",
                    half, s, half / s, (cpuNanos() - c0) / 1e3 / half);
            out.println(cpuSince(threads, half));
            int rest = waiting - half;
            c0 = cpuNanos();
            t0 = System.nanoTime();
            produce(rt, "w-", half, waiting);
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            awaitProcessed(rt);
            double totalSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "ingest with processing running: %,d events appended in %.1f s = %,.0f events/s;"
                            + " all processed after %.1f s = %,.0f events/s end to end; %.0f µs CPU per event%n",
                    rest,
                    ingestSeconds,
                    rest / ingestSeconds,
                    totalSeconds,
                    rest / totalSeconds,
                    (cpuNanos() - c0) / 1e3 / rest);
        }

        private void latency(ThresholdRuntime rt, Store s, PrintWriter out) {
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            int total = rate * seconds;
            long periodNs = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            long wall0 = System.currentTimeMillis();
            // a caller per event, as HTTP requests would be: the client must not be what queues
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            for (int i = 0; i < total; i++) {
                long due = t0 + i * periodNs;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int contact = waiting + i;
                sentAt.put(contactId(contact), wall0 + (System.nanoTime() - t0) / 1_000_000);
                pool.submit(() -> rt.ingest().ingest(TENANT, event("l-" + contact, contact, 8)));
            }
            pool.shutdown();
            while (rt.worker().hasBacklog() || !pool.isTerminated()) {
                LockSupport.parkNanos(10_000_000L);
            }
            List<long[]> rows = s.read(h -> h.createQuery(
                            "SELECT contact_id, created_at FROM outbox" + " WHERE tenant_id = :t AND step = 'thanks'")
                    .bind("t", TENANT)
                    .map((r, c) -> new long[] {sentAt.getOrDefault(r.getString(1), -1L), r.getLong(2)})
                    .list());
            long[] ms = rows.stream()
                    .filter(r -> r[0] >= 0)
                    .mapToLong(r -> r[1] - r[0])
                    .sorted()
                    .toArray();
            double achieved = total / ((System.nanoTime() - t0) / 1e9);
            out.printf(
                    "latency at %,d events/s for %d s (%,d events, %,d with an outbox row): ingest→outbox p50 %d ms,"
                            + " p99 %d ms, max %d ms (offered %,.0f/s)%n",
                    rate,
                    seconds,
                    total,
                    ms.length,
                    pct(ms, 50),
                    pct(ms, 99),
                    ms.length == 0 ? -1 : ms[ms.length - 1],
                    achieved);
        }

        private static long pct(long[] sorted, int p) {
            return sorted.length == 0
                    ? -1
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
        }

        private long footprint(Store s) {
            if (s instanceof SqliteStore sqlite) {
                sqlite.checkpoint();
            }
            return s.sizeOnDisk();
        }

        private void footprint(ThresholdRuntime rt, Store s, long before, PrintWriter out) {
            long waitingNow = s.read(h -> h.createQuery("SELECT COUNT(*) FROM instances WHERE active = 1")
                    .mapTo(Long.class)
                    .one());
            long bytes = footprint(s) - before;
            out.printf(
                    "disk: %,d bytes for %,d waiting instances (with their events, facts, timers and messages)"
                            + " = %,d bytes per waiting instance%n",
                    bytes, waitingNow, bytes / Math.max(1, waitingNow));
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime r = Runtime.getRuntime();
            out.printf(
                    "heap: %,d MiB used after GC with %,d waiting instances (max heap %,d MiB)%n",
                    (r.totalMemory() - r.freeMemory()) >> 20, waitingNow, r.maxMemory() >> 20);
        }

        private void drain(ThresholdRuntime rt, BenchClock clock, PrintWriter out) {
            long pending = rt.timers().pending();
            clock.skip(Duration.ofHours(3));
            long due = rt.store()
                    .read(h -> h.createQuery("SELECT COUNT(*) FROM timers WHERE due_at <= :now")
                            .bind("now", clock.instant().toEpochMilli())
                            .mapTo(Long.class)
                            .one());
            long c0 = cpuNanos();
            Map<String, Long> threads = cpuByThread();
            long t0 = System.nanoTime();
            rt.start();
            while (rt.timers()
                            .nextDue()
                            .filter(d -> !d.isAfter(clock.instant()))
                            .isPresent()
                    || rt.worker().hasBacklog()) {
                LockSupport.parkNanos(10_000_000L);
            }
            double secondsTaken = (System.nanoTime() - t0) / 1e9;
            rt.close();
            out.printf(
                    "timers: %,d of %,d pending timers fell due at once; all fired and processed (review requests"
                            + " written to the outbox, hand-offs entered) in %.1f s = %,.0f timers/s; %.0f µs CPU per"
                            + " timer%n",
                    due, pending, secondsTaken, due / secondsTaken, (cpuNanos() - c0) / 1e3 / Math.max(1, due));
        }

        private static String contactId(int i) {
            return "B-" + i;
        }

        private static ContactView resident(int i) {
            return BenchResidents.resident(
                    contactId(i), i, ZoneId.of("America/Denver"), Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING));
        }

        /** A maintenance rating: 10 waits two hours before a review request; 8 is thanked at once. */
        private JsonNode event(String id, int contact, int score) {
            return BenchResidents.rating(id, contactId(contact), score, clock.instant());
        }
    }
}
