package dev.threshold.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads journeys from YAML and checks them, before anyone is waiting on them: against the JSON Schema
 * ({@code schema/journey.schema.json}), then for what a schema cannot see (step targets, reachability,
 * map stages and barriers, event types, CEL types, Liquid variables, durations, settings, actions, the
 * Fair Housing lint). Every problem of a file is reported at once, each with its line and column.
 *
 * <pre>{@code
 * JourneyLoader loader = new JourneyLoader(EventCatalog.builtIn(), actions);
 * JourneyLoader.Loaded loaded = loader.load(Path.of("journeys/retention/nps-feedback-follow-up.yaml"));
 * loaded.problems().forEach(System.out::println);   // file:line:col: message
 * }</pre>
 */
public final class JourneyLoader {

    /** One file's outcome: the journey when it has no errors, and every problem found (warnings too). */
    public record Loaded(String file, Optional<Journey> journey, List<Problem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return journey.isPresent();
        }
    }

    /** Many files' outcome: the library of those that loaded, and every problem of all of them. */
    public record LoadedLibrary(JourneyLibrary library, List<Loaded> files, List<Problem> problems) {
        public LoadedLibrary {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.stream().noneMatch(Problem::isError);
        }

        /** The library, or an exception listing every error. */
        public JourneyLibrary orThrow() throws LoadException {
            if (!ok()) {
                throw new LoadException(
                        problems.stream().filter(Problem::isError).toList());
            }
            return library;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCatalog events;
    private final ActionRegistry actions;
    private final FairHousingPolicy fairHousing;
    private final Schema schema;
    private final SchemaMessages schemaMessages;
    private final JourneyCompiler.Tools tools;

    public JourneyLoader(EventCatalog events, ActionRegistry actions) {
        this(events, actions, FairHousingPolicy.federal());
    }

    public JourneyLoader(EventCatalog events, ActionRegistry actions, FairHousingPolicy fairHousing) {
        this.events = events;
        this.actions = actions;
        this.fairHousing = fairHousing;
        JsonNode schemaNode = journeySchemaNode();
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaNode);
        this.schemaMessages = new SchemaMessages(schemaNode);
        this.tools = new JourneyCompiler.Tools(events, actions, fairHousing);
    }

    public EventCatalog events() {
        return events;
    }

    private static JsonNode journeySchemaNode() {
        try (InputStream in = JourneyLoader.class.getClassLoader().getResourceAsStream("schema/journey.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/journey.schema.json is missing from the classpath");
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads one file. */
    public Loaded load(Path file) {
        try {
            return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Loaded(
                    file.toString(),
                    Optional.empty(),
                    List.of(new Problem(
                            file.toString(), 1, 1, Problem.Severity.ERROR, "cannot read the file: " + e.getMessage())));
        }
    }

    /** Loads a journey from text; {@code name} is how problems name the file. */
    public Loaded load(String name, String text) {
        LocatedYaml doc;
        try {
            doc = LocatedYaml.parse(name, text);
        } catch (LoadException e) {
            return new Loaded(name, Optional.empty(), e.problems());
        }
        JourneyCompiler compiler = new JourneyCompiler(doc, tools);
        Optional<Journey> journey = compiler.compile();
        List<Problem> problems = new ArrayList<>(compiler.problems());
        Set<Integer> linesWithSharperProblems = new HashSet<>();
        compiler.problems().forEach(p -> linesWithSharperProblems.add(p.line()));
        for (Error e : schema.validate(doc.root())) {
            String evaluation =
                    e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString();
            if (evaluation.matches(".*[/.](oneOf|anyOf|not)[/.\\[].*")) {
                continue; // the detail of one alternative form; the summary of the whole says more
            }
            SchemaMessages.Explained x = schemaMessages.explain(e, doc);
            // "none of the forms matched" says less than the compiler's own message on the same line
            if (!(x.summary() && linesWithSharperProblems.contains(x.problem().line()))) {
                problems.add(x.problem());
            }
        }
        List<Problem> unique = new ArrayList<>(new TreeSet<>(problems));
        boolean failed = unique.stream().anyMatch(Problem::isError);
        return new Loaded(name, failed ? Optional.empty() : journey, unique);
    }

    /**
     * Loads every journey under the given files and folders ({@code *.yaml}, {@code *.yml}; folders ending in
     * {@code .scenarios} are skipped), and checks what spans journeys: unique ids, and that every hand-off
     * names a journey that exists (among these, or in {@code known}).
     */
    public LoadedLibrary loadAll(Collection<Path> paths, Set<String> known) {
        List<Loaded> files = new ArrayList<>();
        for (Path file : journeyFiles(paths)) {
            files.add(load(file));
        }
        return assemble(files, known);
    }

    /** Checks across already loaded files; see {@link #loadAll}. */
    public LoadedLibrary assemble(List<Loaded> files, Set<String> known) {
        List<Problem> problems = new ArrayList<>();
        files.forEach(f -> problems.addAll(f.problems()));
        List<Journey> journeys = new ArrayList<>();
        Set<String> ids = new HashSet<>(known);
        Set<String> seen = new HashSet<>();
        for (Loaded f : files) {
            if (f.journey().isEmpty()) {
                continue;
            }
            Journey j = f.journey().get();
            if (!seen.add(j.id() + "@" + j.version())) {
                problems.add(new Problem(
                        f.file(),
                        1,
                        1,
                        Problem.Severity.ERROR,
                        "journey id '" + j.id() + "' version " + j.version() + " is defined twice"));
                continue;
            }
            ids.add(j.id());
            journeys.add(j);
        }
        for (Loaded f : files) {
            f.journey().ifPresent(j -> handoffProblems(f, j, ids, problems));
        }
        List<Journey> valid = journeys.stream()
                .filter(j -> problems.stream()
                        .noneMatch(p -> p.isError() && fileOf(files, j).equals(p.file())))
                .toList();
        return new LoadedLibrary(
                JourneyLibrary.of(valid), files, problems.stream().sorted().toList());
    }

    private static String fileOf(List<Loaded> files, Journey j) {
        return files.stream()
                .filter(f -> f.journey().map(x -> x == j).orElse(false))
                .map(Loaded::file)
                .findFirst()
                .orElse("");
    }

    private void handoffProblems(Loaded f, Journey j, Set<String> ids, List<Problem> problems) {
        for (Step s : j.steps()) {
            if (s.kind() instanceof Step.Handoff h && !ids.contains(h.journey())) {
                int[] at = locate(f, s.id());
                problems.add(new Problem(
                        f.file(),
                        at[0],
                        at[1],
                        Problem.Severity.ERROR,
                        "step '" + s.id() + "' hands off to journey '" + h.journey()
                                + "', which does not exist; known journeys: " + String.join(", ", new TreeSet<>(ids))));
            }
        }
    }

    /** Finds the line of "id: step" in a file, for problems found after loading. */
    private static int[] locate(Loaded f, String stepId) {
        try {
            List<String> lines = Files.readAllLines(Path.of(f.file()), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                int at = lines.get(i).indexOf("id: " + stepId);
                if (at >= 0 && lines.get(i).substring(at + 4 + stepId.length()).isBlank()) {
                    return new int[] {i + 1, at + 1};
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file was not read from disk (loaded from text): fall back to its top
        }
        return new int[] {1, 1};
    }

    /** Whether a file is a journey (not a scenario, not an overrides file). */
    public static boolean isJourneyFile(Path f) {
        String name = f.getFileName().toString();
        return !name.startsWith("overrides")
                && !name.matches(".*\\.scenario\\.ya?ml")
                && (f.getParent() == null
                        || !f.getParent().getFileName().toString().endsWith(".scenarios"));
    }

    /** Every journey file under the given paths, sorted. */
    public static List<Path> journeyFiles(Collection<Path> paths) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".yaml")
                                    || f.toString().endsWith(".yml"))
                            .filter(f -> !f.toString().contains(".scenarios"))
                            .filter(f -> !f.getFileName().toString().matches(".*\\.scenario\\.ya?ml"))
                            .filter(f -> !f.getFileName().toString().startsWith("overrides"))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (isJourneyFile(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
