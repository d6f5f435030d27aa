package dev.threshold.server.cli;

import dev.threshold.runtime.outbox.DeadLetter;
import dev.threshold.runtime.outbox.DeadLetters;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code threshold dead-letters list|retry}: the messages the dispatcher gave up on, and putting them back. */
@Command(
        name = "dead-letters",
        description = "List the messages that ran out of attempts, or retry them.",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Retry.class})
public final class DeadLettersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List a tenant's dead letters, most recent first.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--tenant", required = true, description = "the tenant")
        String tenant;

        @Option(names = "--limit", defaultValue = "100", description = "at most this many (default 100)")
        int limit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = Stores.open(store.config())) {
                List<DeadLetter> letters = new DeadLetters(s, Clock.systemUTC()).list(tenant, limit);
                for (DeadLetter d : letters) {
                    out.printf(
                            "%s  %s  %s/%s  contact %s  %d attempts: %s%n",
                            d.since(), d.key(), d.journey(), d.step(), d.contact(), d.attempts(), d.lastError());
                }
                out.printf("%d dead letter(s)%n", letters.size());
            }
            return 0;
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Put dead letters back in the outbox, with their attempts reset.")
    static final class Retry implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--tenant", required = true, description = "the tenant")
        String tenant;

        @Option(names = "--all", description = "every dead letter of the tenant")
        boolean all;

        @Parameters(arity = "0..*", paramLabel = "KEY", description = "message keys")
        List<String> keys = List.of();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!all && keys.isEmpty()) {
                spec.commandLine().getErr().println("threshold: give message keys, or --all");
                return 2;
            }
            try (Store s = Stores.open(store.config())) {
                DeadLetters letters = new DeadLetters(s, Clock.systemUTC());
                if (all) {
                    out.printf("%d dead letter(s) back in the outbox%n", letters.retryAll(tenant));
                    return 0;
                }
                int missing = 0;
                for (String key : keys) {
                    if (letters.retry(tenant, key)) {
                        out.println("retrying " + key);
                    } else {
                        spec.commandLine().getErr().println("no dead letter " + key + " for tenant " + tenant);
                        missing++;
                    }
                }
                return missing == 0 ? 0 : 1;
            }
        }
    }
}
