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
import picocli.CommandLine.Option;

/** {@code threshold simulate --journeys DIR --scenario FILE}: runs scenarios on the virtual clock. */
@Command(
        name = "simulate",
        description = "Run scenarios on the simulator's virtual clock and print one JSON object per line, in time"
                + " order, for every transition and effect.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--journeys", paramLabel = "DIR", description = "the journey library (default: the bundled one)")
    Path journeys;

    @Option(names = "--scenario", paramLabel = "FILE", required = true, description = "a scenario file; repeatable")
    List<Path> scenarios;

    @Option(names = "--check", description = "check the scenarios' expectations; exit 1 when one fails")
    boolean check;

    @Option(names = "--text", description = "print lines for people instead of JSON")
    boolean text;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JourneyLibrary library;
        try {
            library = Scenarios.library(journeys == null ? Workspace.journeys() : journeys);
        } catch (LoadException e) {
            Scenarios.printProblems(e, err);
            return 1;
        }
        Simulator simulator = Scenarios.simulator(library);
        int failed = 0;
        for (Path file : scenarios) {
            try {
                List<String> failures = Scenarios.run(
                        simulator, file, line -> out.println(text ? Scenarios.text(line) : line.toJson()));
                out.flush();
                if (check) {
                    failures.forEach(err::println);
                    failed += failures.isEmpty() ? 0 : 1;
                }
            } catch (LoadException e) {
                Scenarios.printProblems(e, err);
                failed++;
            }
        }
        if (check) {
            err.printf("%d of %d scenario(s) met their expectations%n", scenarios.size() - failed, scenarios.size());
        }
        return failed == 0 ? 0 : 1;
    }
}
