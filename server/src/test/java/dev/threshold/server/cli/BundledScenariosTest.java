package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of the journey library and the examples meets its expectations on the simulator, with the
 * domain actions and the scenario's property data wired as the CLI wires them.
 */
class BundledScenariosTest {

    @Test
    void every_bundled_scenario_meets_its_expectations() throws LoadException {
        Path root = Path.of(System.getProperty("threshold.root", ".."));
        JourneyLibrary library = Scenarios.library(root.resolve("journeys"));
        Simulator simulator = Scenarios.simulator(library);
        List<Path> files = Workspace.scenarios(List.of(root.resolve("journeys"), root.resolve("examples")));
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Scenarios.run(simulator, file, line -> {}).forEach(f -> failures.add(file.getFileName() + ": " + f));
        }

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "matched-and-booked.yaml",
                        "asked-then-matched.yaml",
                        "offer-accepted.yaml",
                        "silent-then-declined.yaml");
        assertThat(failures).isEmpty();
    }
}
