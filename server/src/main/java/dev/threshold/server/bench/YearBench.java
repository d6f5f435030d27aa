package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.generator.ActivityGenerator;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.engine.load.LoadException;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.ingest.IngestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A simulated year of the whole journey library over a synthetic portfolio, durably: the portfolio's records
 * loaded into the store, all 28 journeys published, then the portfolio's coming year
 * ({@link ActivityGenerator}) ingested a day at a time on a clock that jumps to each day's end, each day
 * processed (and every timer due by then fired) before the next. Wall time is the figure.
 */
public final class YearBench {
    static final String TENANT = DurableBench.TENANT;
    static final LocalDate FIRST_DAY = LocalDate.of(2027, 3, 1);

    public record Year(
            int residents,
            int days,
            long events,
            long rejected,
            long newcomers,
            double generateSeconds,
            double loadSeconds,
            double seconds,
            long instances,
            long messages) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    private YearBench() {}

    public static Year run(
            FreshStore fresh, Path journeys, int residents, int days, int workers, Consumer<String> say) {
        long g0 = System.nanoTime();
        SyntheticPortfolio p = PortfolioGenerator.generate(7, residents, FIRST_DAY);
        double generate = (System.nanoTime() - g0) / 1e9;
        BenchClock clock = new BenchClock(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        ThresholdRuntime rt = ThresholdRuntime.builder(fresh.store(), clock)
                .channel(new CountingChannel())
                .batchSize(2000)
                .workers(workers)
                .timerBatch(2000)
                .dispatchBatch(1000)
                .build();
        try {
            rt.journeys().publishAll(TENANT, journeys);
            long l0 = System.nanoTime();
            rt.properties().apply(TENANT, p.changes());
            double load = (System.nanoTime() - l0) / 1e9;
            say.accept(String.format(
                    "  portfolio of %,d residents generated in %.1f s, loaded in %.1f s: %s",
                    residents, generate, load, p.summary()));
            rt.start();
            long t0 = System.nanoTime();
            long events = 0;
            long rejected = 0;
            Set<String> known = new HashSet<>();
            Iterator<Event> year =
                    ActivityGenerator.activity(p, 7, FIRST_DAY, days).iterator();
            Event next = year.hasNext() ? year.next() : null;
            for (int d = 1; d <= days; d++) {
                Instant dayEnd =
                        FIRST_DAY.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
                List<Event> today = new ArrayList<>();
                while (next != null && next.occurredAt().isBefore(dayEnd)) {
                    today.add(next);
                    next = year.hasNext() ? year.next() : null;
                }
                clock.moveTo(dayEnd);
                newcomers(rt, p, today, known, dayEnd);
                for (int i = 0; i < today.size(); i += 500) {
                    List<JsonNode> batch = today.subList(i, Math.min(today.size(), i + 500)).stream()
                            .map(YearBench::envelope)
                            .toList();
                    for (IngestResult r : rt.ingest().ingest(TENANT, batch)) {
                        if (r instanceof IngestResult.Rejected) {
                            rejected++;
                        }
                    }
                }
                events += today.size();
                while (rt.worker().hasBacklog()
                        || rt.timers().nextDue().filter(t -> !t.isAfter(dayEnd)).isPresent()) {
                    LockSupport.parkNanos(2_000_000L);
                }
                if (d % 30 == 0) {
                    say.accept(
                            String.format("  day %d: %,d events in %.0f s", d, events, (System.nanoTime() - t0) / 1e9));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            rt.close();
            long instances = count(fresh, "SELECT COUNT(*) FROM instances WHERE tenant_id = :t");
            long messages = count(fresh, "SELECT COUNT(*) FROM outbox WHERE tenant_id = :t");
            return new Year(
                    residents, days, events, rejected, known.size(), generate, load, seconds, instances, messages);
        } catch (LoadException e) {
            throw new IllegalStateException("the journey library does not load: " + e.getMessage(), e);
        } finally {
            rt.close();
        }
    }

    /** People the day's events introduce, saved before their events as an import would. */
    private static void newcomers(
            ThresholdRuntime rt, SyntheticPortfolio p, List<Event> today, Set<String> known, Instant now) {
        Map<String, Contact> fresh = new LinkedHashMap<>();
        for (Event e : today) {
            e.contact()
                    .filter(id -> !known.contains(id) && !fresh.containsKey(id))
                    .flatMap(id -> ActivityGenerator.newcomer(p, e))
                    .ifPresent(c -> fresh.put(c.id(), c));
        }
        if (!fresh.isEmpty()) {
            // into the contact directory, as a contact import or the API would; the property records (leases,
            // units) they will refer to are the portfolio's, loaded at the start
            rt.directory()
                    .saveContacts(
                            TENANT,
                            fresh.values().stream()
                                    .map(c -> c.view(now, ZoneOffset.UTC))
                                    .toList());
            known.addAll(fresh.keySet());
        }
    }

    private static JsonNode envelope(Event e) {
        Map<String, Object> m = new LinkedHashMap<>(EventCodec.toMap(e));
        m.remove("journey");
        return StateJson.mapper().valueToTree(m);
    }

    private static long count(FreshStore fresh, String sql) {
        return fresh.store()
                .read(h ->
                        h.createQuery(sql).bind("t", TENANT).mapTo(Long.class).one());
    }
}
