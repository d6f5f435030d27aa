package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.load.LoadException;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.ingest.IngestResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * The durable runtime measured on one store: a runtime over a {@link FreshStore}, residents of one community,
 * and the measurements of {@code ./threshold bench} — durable ingest, latency from ingest to outbox at a fixed
 * rate, heap and disk with N waiting instances, the drain of N timers due at once, and the starts and drain of
 * the renewal reminder the BPMN engine is compared on.
 */
public final class DurableBench implements AutoCloseable {
    public static final String TENANT = "bench";
    static final String COMMUNITY = "cedar-ridge";
    static final ZoneId ZONE = ZoneId.of("America/Denver");
    /** 10:00 in Denver on a June day: thirty-one days on is still June-July daylight time, out of quiet hours. */
    static final Instant START = Instant.parse("2027-06-01T16:00:00Z");

    private final FreshStore fresh;
    private final BenchClock clock = new BenchClock(START);
    private final CountingChannel channel = new CountingChannel();
    private final ThresholdRuntime rt;
    private final int producers;
    private int contacts;

    public record Throughput(int events, double ingestSeconds, double endToEndSeconds) {
        public double ingestRate() {
            return events / ingestSeconds;
        }

        public double endToEndRate() {
            return events / endToEndSeconds;
        }
    }

    public record Latency(int rate, int seconds, int events, int measured, long p50, long p99, long max) {}

    public record Footprint(long waiting, long heapBaseline, long heapUsed, long diskBytes) {
        public long heapPerInstance() {
            return waiting == 0 ? 0 : Math.max(0, heapUsed - heapBaseline) / waiting;
        }

        public long diskPerInstance() {
            return waiting == 0 ? 0 : diskBytes / waiting;
        }
    }

    /** @param cpuNanos this process's CPU time over the drain, all threads */
    public record Drain(long due, double seconds, long cpuNanos) {
        public double rate() {
            return due / seconds;
        }

        public double cpuMicrosEach() {
            return due == 0 ? 0 : cpuNanos / 1e3 / due;
        }
    }

    /** @param cpuNanos this process's CPU time over the starts, all threads */
    public record Starts(int instances, double seconds, long emails, long cpuNanos) {
        public double rate() {
            return instances / seconds;
        }

        public double cpuMicrosEach() {
            return cpuNanos / 1e3 / instances;
        }
    }

    /** Process CPU time: a cost per operation that stays true on a machine other work shares. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * @param journeys the folder of journeys to publish, or empty for the renewal reminder alone
     */
    public DurableBench(FreshStore fresh, Optional<Path> journeys, int workers, int producers) {
        this.fresh = fresh;
        this.producers = producers;
        this.rt = ThresholdRuntime.builder(fresh.store(), clock)
                .channel(channel)
                .batchSize(2000)
                .workers(workers)
                .timerBatch(2000)
                .dispatchBatch(1000)
                .build();
        try {
            if (journeys.isPresent()) {
                rt.journeys().publishAll(TENANT, journeys.get());
            } else {
                rt.journeys().publish(TENANT, "renewal-reminder", resource("renewal-reminder.yaml"));
            }
        } catch (LoadException e) {
            throw new IllegalStateException("the benchmark's journeys do not load: " + e.getMessage(), e);
        }
        rt.directory().saveCommunity(TENANT, CommunityView.minimal(COMMUNITY, ZONE));
    }

    private static String resource(String name) {
        try (InputStream in = DurableBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the benchmark resource " + name, e);
        }
    }

    public FreshStore fresh() {
        return fresh;
    }

    public CountingChannel channel() {
        return channel;
    }

    /** Residents B-0 to B-(n-1) exist after this; more are added as needed. */
    public void residents(int n) {
        List<ContactView> chunk = new ArrayList<>();
        for (int i = contacts; i < n; i++) {
            chunk.add(resident(i));
            if (chunk.size() == 10_000) {
                rt.directory().saveContacts(TENANT, chunk);
                chunk.clear();
            }
        }
        rt.directory().saveContacts(TENANT, chunk);
        contacts = Math.max(contacts, n);
    }

    /** Used heap after full collections: what stays live, not what is waiting to be collected. */
    public static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Ingests events for contacts {@code from} (inclusive) to {@code to} (exclusive), 500 to a batch. */
    public void produce(String prefix, int from, int to, BiFunction<String, Integer, JsonNode> event) {
        residents(to);
        AtomicLong next = new AtomicLong(from);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            work.add(pool.submit(() -> {
                long start;
                while ((start = next.getAndAdd(500)) < to) {
                    List<JsonNode> batch = new ArrayList<>();
                    for (long i = start; i < Math.min(to, start + 500); i++) {
                        batch.add(event.apply(prefix + i, (int) i));
                    }
                    for (IngestResult r : rt.ingest().ingest(TENANT, batch)) {
                        if (!(r instanceof IngestResult.Accepted)) {
                            throw new IllegalStateException("the benchmark's event was not accepted: " + r);
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : work) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    public void start() {
        rt.start();
    }

    public void stop() {
        rt.close();
    }

    public void awaitProcessed() {
        while (rt.worker().hasBacklog()) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** Events for contacts of their own, ingested and processed before anything is measured (the JIT at work). */
    public void warmUp(int firstContact, int events) {
        produce("warm-", firstContact, firstContact + events, this::feedback);
        rt.start();
        awaitProcessed();
        rt.close();
        fresh.analyze();
    }

    /** {@code events} promoter ratings ingested while the workers process them: each starts a waiting instance. */
    public Throughput throughput(int from, int events) {
        rt.start();
        long t0 = System.nanoTime();
        produce("w-", from, from + events, this::feedback);
        double ingest = (System.nanoTime() - t0) / 1e9;
        awaitProcessed();
        double total = (System.nanoTime() - t0) / 1e9;
        return new Throughput(events, ingest, total);
    }

    /**
     * One event per 1/rate s, each ingested by its own caller as an HTTP request would be; the latency is the
     * outbox row's creation minus the moment the event was offered. Runs with the workers started.
     */
    public Latency latency(int firstContact, int rate, int seconds) {
        int total = rate * seconds;
        residents(firstContact + total);
        fresh.analyze();
        rt.start();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long periodNs = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        long clock0 = clock.millis();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < total; i++) {
            long wait = t0 + i * periodNs - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int contact = firstContact + i;
            sentAt.put(contactId(contact), clock0 + (System.nanoTime() - t0) / 1_000_000);
            pool.submit(() -> rt.ingest().ingest(TENANT, feedback("l-" + contact, contact, 8)));
        }
        pool.shutdown();
        while (rt.worker().hasBacklog() || !pool.isTerminated()) {
            LockSupport.parkNanos(10_000_000L);
        }
        List<long[]> rows = fresh.store()
                .read(h -> h.createQuery("SELECT contact_id, created_at FROM outbox WHERE tenant_id = :t AND step ="
                                + " 'thanks'")
                        .bind("t", TENANT)
                        .map((r, c) -> new long[] {sentAt.getOrDefault(r.getString(1), -1L), r.getLong(2)})
                        .list());
        long[] ms = rows.stream()
                .filter(r -> r[0] >= 0)
                .mapToLong(r -> r[1] - r[0])
                .sorted()
                .toArray();
        return new Latency(
                rate, seconds, total, ms.length, pct(ms, 50), pct(ms, 99), ms.length == 0 ? -1 : ms[ms.length - 1]);
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0
                ? -1
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    /** Heap (after GC, against {@code heapBaseline}) and disk (against {@code diskBaseline}) now. */
    public Footprint footprint(long heapBaseline, long diskBaseline) {
        long waiting = fresh.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM instances WHERE active = 1")
                        .mapTo(Long.class)
                        .one());
        long disk = fresh.sizeOnDisk() - diskBaseline;
        return new Footprint(waiting, heapBaseline, heapAfterGc(), disk);
    }

    /**
     * The clock jumps {@code by}: every timer due by then fires. Measured until each has fired and its
     * results are committed, with the workers stopped beforehand so the drain starts from rest.
     */
    public Drain drain(Duration by) {
        rt.close();
        clock.skip(by);
        long due = fresh.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM timers WHERE due_at <= :now")
                        .bind("now", clock.instant().toEpochMilli())
                        .mapTo(Long.class)
                        .one());
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        rt.start();
        while (rt.timers().nextDue().filter(d -> !d.isAfter(clock.instant())).isPresent()
                || rt.worker().hasBacklog()) {
            LockSupport.parkNanos(10_000_000L);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - c0;
        rt.close();
        return new Drain(due, seconds, cpu);
    }

    /** {@code n} renewal offers ingested and processed: each instance emails, then waits thirty days. */
    public Starts renewalStarts(String prefix, int from, int n) {
        long emails0 = outbox("email");
        rt.start();
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        produce(prefix, from, from + n, this::renewalOffered);
        awaitProcessed();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - c0;
        return new Starts(n, seconds, outbox("email") - emails0, cpu);
    }

    /** Rows of the outbox for a step. */
    public long outbox(String step) {
        return fresh.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE tenant_id = :t AND step = :s")
                        .bind("t", TENANT)
                        .bind("s", step)
                        .mapTo(Long.class)
                        .one());
    }

    static String contactId(int i) {
        return "B-" + i;
    }

    static ContactView resident(int i) {
        return new ContactView(
                contactId(i),
                Set.of("resident"),
                "Resident",
                String.valueOf(i),
                Optional.of(ZONE),
                "en",
                Optional.of(COMMUNITY),
                Optional.of("CO"),
                Map.of(
                        Channel.EMAIL,
                        "b" + i + "@example.com",
                        Channel.SMS,
                        String.format("+1303%07d", i % 10_000_000)),
                Map.of(
                        Channel.EMAIL,
                        Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING),
                        Channel.SMS,
                        Set.of(Purpose.TRANSACTIONAL)),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    /** A maintenance rating: 10 waits two hours before a review request; 8 is thanked at once. */
    public JsonNode feedback(String id, int contact, int score) {
        ObjectNode e = event(id, "feedback.submitted", contact);
        e.putObject("data").put("score", score).put("topic", "maintenance");
        return e;
    }

    JsonNode feedback(String id, Integer contact) {
        return feedback(id, contact, 10);
    }

    JsonNode renewalOffered(String id, Integer contact) {
        ObjectNode e = event(id, "renewal.offered", contact);
        e.putObject("data")
                .put("lease_id", "L-" + contact)
                .put("term_months", 12)
                .put("monthly_rent", 1850)
                .put("current_rent", 1790);
        return e;
    }

    private ObjectNode event(String id, String type, int contact) {
        ObjectNode e = StateJson.mapper().createObjectNode();
        e.put("id", id);
        e.put("type", type);
        e.put("occurred_at", clock.instant().toString());
        e.putObject("contact").put("id", contactId(contact));
        e.put("community", COMMUNITY);
        return e;
    }

    @Override
    public void close() {
        rt.close();
    }
}
