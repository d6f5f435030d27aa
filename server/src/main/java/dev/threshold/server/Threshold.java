package dev.threshold.server;

import dev.threshold.server.cli.BenchCommand;
import dev.threshold.server.cli.DeadLettersCommand;
import dev.threshold.server.cli.DemoCommand;
import dev.threshold.server.cli.GenerateCommand;
import dev.threshold.server.cli.ImportCommand;
import dev.threshold.server.cli.JourneysCommand;
import dev.threshold.server.cli.KeysCommand;
import dev.threshold.server.cli.RunWorkerCommand;
import dev.threshold.server.cli.ServeCommand;
import dev.threshold.server.cli.SimulateCommand;
import dev.threshold.server.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code threshold} command line: the composition root of the application. */
@Command(
        name = "threshold",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Journey automation for property management.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            ValidateCommand.class,
            SimulateCommand.class,
            JourneysCommand.class,
            ImportCommand.class,
            GenerateCommand.class,
            RunWorkerCommand.class,
            DeadLettersCommand.class,
            KeysCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Threshold implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failed checks, 2 wrong usage or errors). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Threshold());
        // `bench --parts ingest` names a part, not the `bench ingest` subcommand
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("threshold: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Threshold.class).debug("failed", e);
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
