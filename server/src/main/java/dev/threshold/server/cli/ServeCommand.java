package dev.threshold.server.cli;

import dev.threshold.server.config.ConfigException;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.serve.ThresholdService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code threshold serve}: the HTTP API and the durable runtime in one process, until stopped (Ctrl-C or SIGTERM),
 * then a graceful stop: requests in flight finish, the runtime finishes its round, the store commits.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the HTTP API (docs/api.md) with the durable runtime, until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            err.println("threshold serve: " + e.getMessage());
            return 2;
        }
        ThresholdService service = ThresholdService.start(config, Clock.systemUTC(), true, Workspace.journeys());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        err.printf(
                "threshold: serving http://%s:%d on %s; the API is described at /openapi.json; stop with Ctrl-C%n",
                config.http().host(), service.port(), service.store().describe());
        err.flush();
        stopped.await();
        return 0;
    }
}
