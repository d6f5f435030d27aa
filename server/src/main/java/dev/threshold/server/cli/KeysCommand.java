package dev.threshold.server.cli;

import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.Role;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code threshold keys create|list|revoke}: a tenant's API keys, on the store {@code serve} uses. */
@Command(
        name = "keys",
        description = "Create, list and revoke a tenant's API keys (stored hashed; a key is shown once).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ApiKeys keys(Store store) {
        return new ApiKeys(store, Clock.systemUTC(), new SecureRandom());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print it once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--tenant", required = true, description = "the tenant the key acts for")
        String tenant;

        @Option(names = "--role", required = true, description = "admin, editor, agent, ingest or read-only")
        String role;

        @Option(names = "--name", defaultValue = "", description = "what the key is for, e.g. 'PMS sync'")
        String name;

        @Option(
                names = "--community",
                paramLabel = "ID",
                description = "limit the key to a community (repeat for several; default: all)")
        List<String> communities = List.of();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Role r = Role.parse(role)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--role '" + role + "' is not a role; expected one of " + Role.names()));
            try (Store s = Stores.open(options.load().store())) {
                ApiKeys.Created k =
                        keys(s).create(tenant, name.isEmpty() ? r.id() + " key" : name, r, Set.copyOf(communities));
                out.printf(
                        "created %s (%s) for tenant %s%s%n",
                        k.listed().id(), r.id(), tenant, communities.isEmpty() ? "" : ", communities " + communities);
                out.println(k.key());
                spec.commandLine().getErr().println("keep the key now: it is shown only this once");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's keys (never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--tenant", required = true, description = "the tenant")
        String tenant;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = Stores.open(options.load().store())) {
                for (ApiKeys.Listed k : keys(s).list(tenant)) {
                    out.printf(
                            "%s  %-9s  %-20s  %s%s%n",
                            k.id(),
                            k.role().id(),
                            k.name(),
                            k.communities().isEmpty() ? "all communities" : String.join(",", k.communities()),
                            k.revokedAt().map(r -> "  revoked " + r).orElse(""));
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke keys at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--tenant", required = true, description = "the tenant")
        String tenant;

        @Parameters(arity = "1..*", paramLabel = "KEY-ID", description = "key ids, as keys list shows them")
        List<String> ids;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            int missing = 0;
            try (Store s = Stores.open(options.load().store())) {
                ApiKeys keys = keys(s);
                for (String id : ids) {
                    if (keys.revoke(tenant, id)) {
                        spec.commandLine().getOut().println("revoked " + id);
                    } else {
                        spec.commandLine().getErr().println("no live key " + id + " for tenant " + tenant);
                        missing++;
                    }
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }
}
