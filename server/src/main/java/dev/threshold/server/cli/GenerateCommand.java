package dev.threshold.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code threshold generate}: a deterministic synthetic portfolio (seed, size), summarised, with how long it
 * took; optionally loaded into memory and its events printed. For demos, tests and benchmarks.
 */
@Command(
        name = "generate",
        description = "Generate a deterministic synthetic portfolio and print what it holds, how long it took, and"
                + " (with --events) its history as JSON lines of engine events.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "the seed (default ${DEFAULT-VALUE})", defaultValue = "7")
    long seed;

    @Option(
            names = "--residents",
            description = "residents on current leases (default ${DEFAULT-VALUE})",
            defaultValue = "1000")
    int residents;

    @Option(
            names = "--today",
            description = "the day it is seen from (default ${DEFAULT-VALUE})",
            defaultValue = "2027-03-01")
    LocalDate today;

    @Option(names = "--load", description = "also load it into an in-memory store and time that")
    boolean load;

    @Option(names = "--events", paramLabel = "N", description = "print the first N events of its timeline as JSON")
    int events;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (residents < 1) {
            spec.commandLine().getErr().println("threshold generate: --residents must be at least 1");
            return 2;
        }
        long start = System.nanoTime();
        SyntheticPortfolio p = PortfolioGenerator.generate(seed, residents, today);
        Duration generated = Duration.ofNanos(System.nanoTime() - start);
        out.printf(
                "Synthetic portfolio, seed %d, seen from %s, generated in %d ms%n", seed, today, generated.toMillis());
        p.summary().forEach((k, v) -> out.printf("  %-17s %,d%n", k, v));
        if (load) {
            start = System.nanoTime();
            InMemoryPropertyStore store = p.store();
            out.printf(
                    "loaded into memory in %d ms (%,d contacts)%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    store.counts().get("contacts"));
        }
        start = System.nanoTime();
        Map<String, Integer> byType = new TreeMap<>();
        p.timeline().forEach(e -> byType.merge(e.type(), 1, Integer::sum));
        out.printf(
                "timeline read in %d ms: %s%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), byType);
        if (events > 0) {
            ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            for (Event e : p.timeline().limit(events).toList()) {
                out.println(json.writeValueAsString(EventCodec.toMap(e)));
            }
        }
        return 0;
    }
}
