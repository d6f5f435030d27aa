package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario shipped with the journey library and the examples runs on the simulator and meets the
 * expectations written in it: the journeys' behaviour is reviewed in YAML, and proven here.
 */
class LibraryScenariosTest {
    static final Path ROOT = Path.of(System.getProperty("threshold.root"));

    @TestFactory
    Stream<DynamicTest> every_library_scenario_meets_its_expectations() throws Exception {
        JourneyLibrary library = Scenarios.library(ROOT.resolve("journeys"));
        Simulator simulator = Scenarios.simulator(library);
        List<Path> files = Workspace.scenarios(List.of(ROOT.resolve("journeys")));
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(
                        ROOT.relativize(f).toString(),
                        () -> assertThat(Scenarios.run(simulator, f, line -> {}))
                                .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> every_example_scenario_meets_its_expectations() throws Exception {
        List<Path> files = Workspace.scenarios(List.of(ROOT.resolve("examples")));
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), () -> {
                    Simulator simulator = Scenarios.simulator(Scenarios.library(f.getParent()));
                    assertThat(Scenarios.run(simulator, f, line -> {})).isEmpty();
                }));
    }
}
