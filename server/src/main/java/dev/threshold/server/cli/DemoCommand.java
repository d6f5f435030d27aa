package dev.threshold.server.cli;

import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.sim.Simulator;
import dev.threshold.server.demo.Demo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code threshold demo}: Threshold on a synthetic portfolio with every journey on, on an accelerated clock, email
 * and texts delivered to local sinks the dashboard shows (docs/demo.md); with {@code --scenarios}, every bundled
 * scenario of the journey library and the examples on the simulator instead.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run Threshold on a synthetic portfolio: every journey on, a simulated day every few seconds, email and SMS"
                    + " delivered to local sinks, the dashboard served. Ctrl-C stops; running it again resumes.",
            "With --scenarios: run the bundled journeys on their example scenarios and show what happens."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--scenarios", description = "run the bundled scenarios on the simulator instead, and stop")
    boolean scenarios;

    @Option(
            names = "--folder",
            paramLabel = "DIR",
            description = "where the demo keeps its store, sinks and state (default .threshold/demo)")
    Path folder;

    @Option(names = "--fresh", description = "start over instead of resuming the demo in the folder")
    boolean fresh;

    @Option(
            names = "--day-seconds",
            paramLabel = "S",
            defaultValue = "5",
            description = "wall-clock seconds per simulated day (default ${DEFAULT-VALUE}; 0: as fast as it goes)")
    double daySeconds;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "0",
            description = "stop by itself after N simulated days (default: run until Ctrl-C)")
    int days;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "the dashboard's port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(
            names = "--residents",
            defaultValue = "3000",
            description = "residents of a fresh demo's portfolio (default ${DEFAULT-VALUE})")
    int residents;

    @Option(names = "--seed", defaultValue = "7", description = "the portfolio's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", paramLabel = "DATE", description = "a fresh demo's first day (default: today, UTC)")
    LocalDate start;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (scenarios) {
            return scenarios();
        }
        PrintWriter err = spec.commandLine().getErr();
        if (daySeconds < 0 || days < 0 || residents < 1 || port < 0 || port > 65535) {
            err.println("threshold demo: --day-seconds and --days must be 0 or more, --residents at least 1, --port"
                    + " from 0 to 65535");
            return 2;
        }
        Path where = folder != null
                ? folder
                : Optional.ofNullable(System.getenv("THRESHOLD_HOME"))
                        .map(Path::of)
                        .orElse(Path.of(""))
                        .resolve(".threshold/demo");
        Demo.Options options = new Demo.Options(
                where.toAbsolutePath(),
                fresh,
                days,
                Duration.ofNanos((long) (daySeconds * 1e9)),
                port,
                residents,
                seed,
                Optional.ofNullable(start),
                Workspace.journeys());
        Demo demo = Demo.start(options, spec.commandLine().getOut());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true); // the demo finishes its step, saves where it is, and closes
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.run(stop::get);
        } finally {
            demo.close();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C): the hook has been let go above
        }
        spec.commandLine().getOut().printf("Stopped at %s; run it again to resume.%n", demo.now());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int scenarios() {
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
