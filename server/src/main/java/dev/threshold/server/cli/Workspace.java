package dev.threshold.server.cli;

import dev.threshold.domain.DomainActions;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.ResourceFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the command line finds the journey library and the examples: the project folder when run from a
 * checkout ({@code THRESHOLD_HOME}, set by the launcher), else the copies bundled in the jar.
 */
final class Workspace {
    private Workspace() {}

    static EventCatalog events() {
        return EventCatalog.builtIn();
    }

    static ActionRegistry actions() {
        return DomainActions.registry();
    }

    static JourneyLoader loader() {
        return new JourneyLoader(events(), actions());
    }

    /** The project's own copy of a folder, or the jar's. */
    static Path folder(String name) {
        Optional<Path> home = Optional.ofNullable(System.getenv("THRESHOLD_HOME"))
                .or(() -> Optional.ofNullable(System.getProperty("threshold.root")))
                .map(h -> Path.of(h, name))
                .filter(Files::isDirectory);
        return home.or(() -> ResourceFolder.find(name))
                .orElseThrow(() -> new IllegalStateException("cannot find the " + name + " folder"));
    }

    /** A path as people read it: relative to the project folder when it is inside it. */
    static String display(Path file) {
        String home = System.getenv("THRESHOLD_HOME");
        String s = file.toString();
        if (home != null && s.startsWith(home + "/")) {
            return s.substring(home.length() + 1);
        }
        return s.startsWith("/") && file.getFileSystem() != java.nio.file.FileSystems.getDefault() ? s.substring(1) : s;
    }

    static Path journeys() {
        return folder("journeys");
    }

    /** The ids of the bundled library, for checking hand-offs of journeys validated on their own. */
    static Set<String> libraryIds() {
        Set<String> ids = new TreeSet<>();
        for (Path f : JourneyLoader.journeyFiles(List.of(journeys()))) {
            String name = f.getFileName().toString();
            ids.add(name.substring(0, name.lastIndexOf('.')));
        }
        return ids;
    }

    /** Every scenario file under the given folders: {@code *.scenarios/*.yaml} and {@code *.scenario.yaml}. */
    static List<Path> scenarios(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(f ->
                                f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> f.getParent().getFileName().toString().endsWith(".scenarios")
                                || f.getFileName().toString().matches(".*\\.scenario\\.ya?ml"))
                        .sorted()
                        .forEach(out::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }
}
