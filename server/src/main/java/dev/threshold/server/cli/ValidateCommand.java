package dev.threshold.server.cli;

import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code threshold validate PATH...}: checks journey files and prints one line per problem. */
@Command(
        name = "validate",
        description = "Check journey files (or folders of them): prints file:line:col: message for each problem;"
                + " exits 0 when all are valid, 1 otherwise.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "journey files or folders")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                spec.commandLine().getErr().println(p + ": no such file or folder");
                return 1;
            }
        }
        JourneyLoader loader = Workspace.loader();
        Set<String> known = Workspace.libraryIds();
        JourneyLoader.LoadedLibrary loaded = loader.loadAll(paths, known);
        List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
        problems.addAll(overrideProblems(loader, loaded));
        for (Problem p : problems) {
            spec.commandLine().getOut().println(p);
        }
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        Set<String> failed = new java.util.HashSet<>();
        problems.stream().filter(Problem::isError).forEach(p -> failed.add(p.file()));
        long valid =
                loaded.files().stream().filter(f -> !failed.contains(f.file())).count();
        List<Path> overrides = overrideFiles();
        StringBuilder summary = new StringBuilder();
        if (!loaded.files().isEmpty()) {
            summary.append(valid).append(" of ").append(loaded.files().size()).append(" journey file(s) valid, ");
        }
        if (!overrides.isEmpty()) {
            summary.append(overrides.size()).append(" overrides file(s) checked, ");
        }
        if (loaded.files().isEmpty() && overrides.isEmpty()) {
            summary.append("no journey or overrides files found, ");
        }
        summary.append(errors).append(" error(s), ").append(warnings).append(" warning(s)");
        spec.commandLine().getErr().println(summary);
        return errors == 0 && !(loaded.files().isEmpty() && overrides.isEmpty()) ? 0 : 1;
    }

    /** Overrides files ({@code overrides*.yaml}) among the paths, checked against the bundled and given journeys. */
    private List<Problem> overrideProblems(JourneyLoader loader, JourneyLoader.LoadedLibrary given) {
        List<Path> files = overrideFiles();
        if (files.isEmpty()) {
            return List.of();
        }
        dev.threshold.engine.journey.JourneyLibrary library =
                loader.loadAll(List.of(Workspace.journeys()), Set.of()).library();
        for (dev.threshold.engine.journey.Journey j : given.library().latest()) {
            library = library.with(j);
        }
        List<Problem> out = new java.util.ArrayList<>();
        var overrides = new dev.threshold.engine.load.OverridesLoader(
                Workspace.events(), dev.threshold.engine.load.FairHousingPolicy.federal());
        for (Path f : files) {
            try {
                overrides.load(f, library);
            } catch (dev.threshold.engine.load.LoadException e) {
                out.addAll(e.problems());
            }
        }
        return out;
    }

    private List<Path> overrideFiles() {
        List<Path> out = new java.util.ArrayList<>();
        for (Path p : paths) {
            try (var walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().matches("overrides.*\\.ya?ml"))
                        .sorted()
                        .forEach(out::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }
}
