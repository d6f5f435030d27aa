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
import dev.threshold.domain.property.PropertyRepository;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code threshold import mits|csv FILE... [mits|csv FILE...]}: checks import files and prints what importing
 * them would create, update and emit. Files are applied in order to the same repository, and a format word
 * switches the format of the files after it, so a property feed, then units, contacts and leases, can be
 * imported in one run. Until the durable store lands, the repository is in memory: a dry run.
 */
@Command(
        name = "import",
        description = "Check MITS (property feeds, guest cards) or CSV (contacts, units, leases, work orders) files"
                + " and print what importing them creates, updates and emits; exits 1 with every problem when a"
                + " file is wrong. Runs against an in-memory repository for now: nothing is stored.")
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

    @Option(names = "--events", description = "also print each event as a JSON line")
    boolean events;

    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            description = "the import's moment, e.g. 2027-03-01T16:00:00Z" + " (default: the clock)")
    String now;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Where imports are written. The durable store replaces this line when it lands. */
    static PropertyRepository repository() {
        return new InMemoryPropertyStore();
    }

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
        Instant at;
        try {
            at = now == null ? Instant.now() : Instant.parse(now);
        } catch (DateTimeParseException e) {
            err.println("threshold import: --now '" + now + "' is not an instant such as 2027-03-01T16:00:00Z");
            return 2;
        }
        PropertyRepository repository = repository();
        out.println("Dry run against an in-memory repository: nothing is stored (the durable store arrives with"
                + " the runtime).");
        int records = 0;
        int emitted = 0;
        Imports imports = new Imports();
        Imports.Format format = first.get();
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
                Optional<CsvKind> k = format == Imports.Format.CSV ? csvKind : Optional.empty();
                plan = imports.plan(name, text, format, k, repository.records(), at);
            } catch (IOException e) {
                err.println(name + ": cannot read the file: " + e.getMessage());
                return 1;
            } catch (ImportFailed e) {
                e.problems().stream().map(ImportProblem::toString).forEach(err::println);
                err.printf(
                        "%s: %d problem(s); nothing of it would be written%s%n",
                        name, e.problems().size(), i < rest.size() - 1 ? ", and the files after it were not read" : "");
                return 1;
            }
            plan.applyTo(repository);
            records += plan.changes().size();
            emitted += plan.events().size();
            print(plan, out);
        }
        out.printf("%nIn all: %d record(s) to write, %d event(s) to emit.%n", records, emitted);
        return 0;
    }

    private void print(ImportPlan plan, PrintWriter out) {
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
        plan.notes().forEach(n -> out.println("  note: " + n));
        if (events) {
            for (Event e : plan.events()) {
                out.println("  " + json(e));
            }
        }
    }

    private static String counts(Tally.Counts c) {
        return c.created() + " to create, " + c.updated() + " to update, " + c.unchanged() + " unchanged";
    }

    private static String json(Event e) {
        try {
            return JSON.writeValueAsString(EventCodec.toMap(e));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("an event could not be written as JSON: " + e.id(), x);
        }
    }
}
