package dev.threshold.runtime.support;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The example journey library at the project root, and its scenario files. */
public final class Library {
    private Library() {}

    public static Path journeysFolder() {
        return Path.of(System.getProperty("threshold.root", "..")).resolve("journeys");
    }

    /** The domain's actions, which the library's journeys call. */
    public static ActionRegistry actions() {
        return dev.threshold.domain.DomainActions.registry();
    }

    /**
     * A fixed copy of the foundation's example journeys, for tests about the runtime's machinery (dispatch,
     * timers, crashes) that must not change when the library's journeys are improved.
     */
    public static Path fixtureFolder() {
        return Path.of(System.getProperty("threshold.root", ".."))
                .resolve("runtime/src/test/resources/fixture-journeys");
    }

    public static JourneyLibrary loadFixture() {
        try {
            return new JourneyLoader(EventCatalog.builtIn(), actions())
                    .loadAll(List.of(fixtureFolder()), Set.of())
                    .orThrow();
        } catch (LoadException e) {
            throw new IllegalStateException("the fixture journeys do not load: " + e.getMessage(), e);
        }
    }

    private static volatile JourneyLibrary bundled;

    /** The bundled journey library, loaded once per test run. */
    public static JourneyLibrary load() {
        if (bundled == null) {
            try {
                bundled = new JourneyLoader(EventCatalog.builtIn(), actions())
                        .loadAll(List.of(journeysFolder()), Set.of())
                        .orThrow();
            } catch (LoadException e) {
                throw new IllegalStateException("the example journeys do not load: " + e.getMessage(), e);
            }
        }
        return bundled;
    }

    public static List<Path> scenarioFiles() {
        try (Stream<Path> walk = Files.walk(journeysFolder())) {
            return walk.filter(p -> p.getParent().getFileName().toString().endsWith(".scenarios"))
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario scenario(Path file) {
        try {
            return new ScenarioLoader(EventCatalog.builtIn(), load()).load(file);
        } catch (LoadException e) {
            throw new IllegalStateException(file + " does not load: " + e.getMessage(), e);
        }
    }
}
