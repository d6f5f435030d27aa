package dev.threshold.server.cli;

import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code threshold demo}: for now, runs every bundled scenario of the journey library and the examples on the
 * simulator and prints what each person would receive and when, in their own timezone.
 */
@Command(name = "demo", description = "Run the bundled journeys on their example scenarios and show what happens.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JourneyLibrary library;
        try {
            library = Scenarios.library(List.of(Workspace.journeys(), Workspace.folder("examples")));
        } catch (LoadException e) {
            Scenarios.printProblems(e, err);
            return 1;
        }
        Simulator simulator = Scenarios.simulator(library);
        List<Path> files = Workspace.scenarios(List.of(Workspace.journeys(), Workspace.folder("examples")));
        int failed = 0;
        out.printf(
                "Threshold demo: %d journeys, %d scenarios on the simulator's virtual clock%n%n",
                library.latest().size(), files.size());
        for (Path file : files) {
            out.println("== " + Workspace.display(file));
            try {
                List<String> failures = Scenarios.run(simulator, file, line -> {
                    if (!List.of("timer", "stage").contains(line.type())) {
                        out.println("   " + Scenarios.text(line));
                    }
                });
                failures.forEach(f -> out.println("   !! " + f));
                failed += failures.isEmpty() ? 0 : 1;
            } catch (LoadException e) {
                Scenarios.printProblems(e, err);
                failed++;
            }
            out.println();
        }
        out.printf("%d of %d scenarios ran as expected.%n", files.size() - failed, files.size());
        return failed == 0 ? 0 : 1;
    }
}
