package dev.threshold.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.ImportProblem;
import dev.threshold.domain.importing.Imports;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.importing.csv.CsvKind;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.property.ImportingRecords;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code threshold import mits|csv FILE... [mits|csv FILE...]}: imports property data into a tenant's records in the
 * store — planned against what is there, written all or nothing per file, and the events it implies ingested for
 * the journeys — and prints what each file created, updated and emitted. Files are imported in order, and a format
 * word switches the format of the files after it, so a property feed, then units, contacts and leases, can be
 * imported in one run. {@code --dry-run} only plans, each file against the ones before it, and stores nothing.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import MITS (property feeds, guest cards) or CSV (contacts, units, leases, work orders) files"
                + " into a tenant's property records, ingesting the events they imply; prints what each file creates,"
                + " updates and emits, and exits 1 with every problem of a file that is wrong (nothing of it is"
                + " written).")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(
            arity = "2..*",
            paramLabel = "FORMAT FILE",
            description = "mits or csv, then files, imported in order; a format word switches the format of the"
                    + " files after it")
    List<String> arguments;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "CSV only: contacts, units, leases or work-orders" + " (default: from the header)")
    String kind;

    @Option(names = "--tenant", defaultValue = "default", description = "the tenant to import for (default: default)")
    String tenant;

    @Option(names = "--dry-run", description = "only plan and print; store nothing")
    boolean dryRun;

    @Option(names = "--events", description = "also print each event as a JSON line")
    boolean events;

    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            description = "the import's moment, e.g. 2027-03-01T16:00:00Z" + " (default: the clock)")
    String now;

    @Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Imports.Format> first = Imports.Format.parse(arguments.get(0));
        if (first.isEmpty()) {
            err.println("threshold import: '" + arguments.get(0) + "' is not a format; use mits or csv");
            return 2;
        }
        Optional<CsvKind> csvKind = Optional.empty();
        if (kind != null) {
            csvKind = CsvKind.parse(kind);
            if (csvKind.isEmpty()) {
                err.println("threshold import: --kind is one of contacts, units, leases, work-orders");
                return 2;
            }
        }
        InstantSource clock;
        try {
            clock = now == null ? Clock.systemUTC() : InstantSource.fixed(Instant.parse(now));
        } catch (DateTimeParseException e) {
            err.println("threshold import: --now '" + now + "' is not an instant such as 2027-03-01T16:00:00Z");
            return 2;
        }
        try (Store s = Stores.open(store.config())) {
            ThresholdRuntime rt = ThresholdRuntime.builder(s, clock).build();
            return importAll(rt.importing(), rt.properties().snapshot(tenant), first.get(), csvKind, out, err, s);
        }
    }

    private int importAll(
            ImportingRecords importing,
            InMemoryPropertyStore working,
            Imports.Format firstFormat,
            Optional<CsvKind> csvKind,
            PrintWriter out,
            PrintWriter err,
            Store s) {
        out.println(
                dryRun
                        ? "Dry run: nothing is stored in " + s.describe() + "."
                        : "Importing into tenant '" + tenant + "' of " + s.describe() + ".");
        int records = 0;
        int emitted = 0;
        Imports.Format format = firstFormat;
        List<String> rest = arguments.subList(1, arguments.size());
        for (int i = 0; i < rest.size(); i++) {
            Optional<Imports.Format> switched = Imports.Format.parse(rest.get(i));
            if (switched.isPresent()) {
                format = switched.get();
                continue;
            }
            Path file = Path.of(rest.get(i));
            String name = Workspace.display(file.toAbsolutePath().normalize());
            ImportPlan plan;
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                plan = dryRun
                        ? importing.plan(name, text, format, csvKind, working)
                        : importing.plan(tenant, name, text, format, csvKind);
            } catch (IOException e) {
                err.println(name + ": cannot read the file: " + e.getMessage());
                return 1;
            } catch (ImportFailed e) {
                e.problems().stream().map(ImportProblem::toString).forEach(err::println);
                err.printf(
                        "%s: %d problem(s); nothing of it was written%s%n",
                        name, e.problems().size(), i < rest.size() - 1 ? ", and the files after it were not read" : "");
                return 1;
            }
            Map<String, Integer> ingested = Map.of();
            if (dryRun) {
                plan.applyTo(working);
            } else {
                try {
                    ingested = importing.write(tenant, plan);
                } catch (IllegalArgumentException e) {
                    err.println(name + ": " + e.getMessage() + "; nothing of it was written");
                    return 1;
                }
            }
            records += plan.changes().size();
            emitted += plan.events().size();
            print(plan, ingested, out);
        }
        out.printf(
                "%nIn all: %d record(s) %s, %d event(s) %s.%n",
                records, dryRun ? "to write" : "written", emitted, dryRun ? "to emit" : "emitted");
        return 0;
    }

    private void print(ImportPlan plan, Map<String, Integer> ingested, PrintWriter out) {
        out.printf("%n%s (%s)%n", plan.file(), plan.kind());
        plan.counts().forEach((k, c) -> out.printf("  %-12s %s%n", k, counts(c)));
        Map<String, Integer> byType = new TreeMap<>();
        plan.events().forEach(e -> byType.merge(e.type(), 1, Integer::sum));
        out.printf(
                "  %-12s %s%n",
                "events",
                byType.isEmpty()
                        ? "none"
                        : byType.toString().replaceAll("[{}]", "").replace("=", ": "));
        if (!ingested.isEmpty()) {
            out.printf(
                    "  %-12s %d accepted, %d already ingested, %d rejected%n",
                    "ingested",
                    ingested.getOrDefault("accepted", 0),
                    ingested.getOrDefault("duplicate", 0),
                    ingested.getOrDefault("rejected", 0));
        }
        plan.notes().forEach(n -> out.println("  note: " + n));
        if (events) {
            for (Event e : plan.events()) {
                out.println("  " + json(e));
            }
        }
    }

    private String counts(Tally.Counts c) {
        return dryRun
                ? c.created() + " to create, " + c.updated() + " to update, " + c.unchanged() + " unchanged"
                : c.created() + " created, " + c.updated() + " updated, " + c.unchanged() + " unchanged";
    }

    private static String json(Event e) {
        try {
            return JSON.writeValueAsString(EventCodec.toMap(e));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("an event could not be written as JSON: " + e.id(), x);
        }
    }
}
