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
        for (Problem p : loaded.problems()) {
            spec.commandLine().getOut().println(p);
        }
        long errors = loaded.problems().stream().filter(Problem::isError).count();
        long warnings = loaded.problems().size() - errors;
        long valid = loaded.files().stream().filter(JourneyLoader.Loaded::ok).count();
        spec.commandLine()
                .getErr()
                .printf(
                        "%d of %d journey file(s) valid, %d error(s), %d warning(s)%n",
                        errors == 0 ? loaded.files().size() : valid - filesWithHandoffErrors(loaded),
                        loaded.files().size(),
                        errors,
                        warnings);
        return errors == 0 && !loaded.files().isEmpty() ? 0 : 1;
    }

    private static long filesWithHandoffErrors(JourneyLoader.LoadedLibrary loaded) {
        return loaded.files().stream()
                .filter(JourneyLoader.Loaded::ok)
                .filter(f -> loaded.problems().stream()
                        .anyMatch(p -> p.isError() && p.file().equals(f.file())))
                .count();
    }
}
