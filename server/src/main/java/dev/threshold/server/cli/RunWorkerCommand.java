package dev.threshold.server.cli;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.outbox.channel.WebhookChannel;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code threshold run-worker}: runs the durable runtime (workers, timers, dispatcher) on a store until stopped,
 * without the HTTP server. Email, SMS and portal messages go to a recording journal until their channels land.
 */
@Command(
        name = "run-worker",
        mixinStandardHelpOptions = true,
        description = "Run the durable runtime's worker, timers and dispatcher on a store until stopped.")
public final class RunWorkerCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--tenant", defaultValue = "default", description = "publish the journey library for this tenant")
    String tenant;

    @Option(names = "--journeys", paramLabel = "DIR", description = "the journey library (default: the bundled one)")
    Path journeys;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            defaultValue = ".threshold/channel.journal",
            description = "where email, SMS and portal messages are recorded (default .threshold/channel.journal)")
    Path journal;

    @Option(
            names = "--webhook-secret-env",
            paramLabel = "VAR",
            defaultValue = "THRESHOLD_WEBHOOK_SECRET",
            description = "the environment variable holding the webhook signing secret")
    String secretVar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Store s = Stores.open(store.config())) {
            ThresholdRuntime.Builder builder = ThresholdRuntime.builder(s, clock)
                    .channel(RecordingChannel.journaled(
                            journal, EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PORTAL)));
            String secret = System.getenv(secretVar);
            if (secret != null && !secret.isBlank()) {
                builder.channel(new WebhookChannel(
                        HttpClient.newHttpClient(),
                        secret.getBytes(StandardCharsets.UTF_8),
                        clock,
                        Duration.ofSeconds(10)));
            }
            ThresholdRuntime rt = builder.build();
            rt.journeys().publishAll(tenant, journeys == null ? Workspace.journeys() : journeys);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                rt.close();
                stopped.countDown();
            }));
            rt.start();
            spec.commandLine().getErr().printf("threshold: running on %s; stop with Ctrl-C%n", s.describe());
            stopped.await();
        }
        return 0;
    }
}
