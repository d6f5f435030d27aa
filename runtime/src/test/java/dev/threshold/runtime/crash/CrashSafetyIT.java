package dev.threshold.runtime.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.Postgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 under load: a runtime node in its own JVM takes 100,000 events (with timers falling due meanwhile), is
 * killed with SIGKILL at random moments several times and restarted, then drained. Afterwards every event was
 * processed exactly once, every expected message was delivered exactly once by key, every timer fired and no
 * instance is left running.
 */
class CrashSafetyIT {
    private static final int CONTACTS = Integer.getInteger("threshold.crash.contacts", 25_000);
    private static final int KILLS = Integer.getInteger("threshold.crash.kills", 4);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Dialect.class)
    void a_node_killed_again_and_again_loses_nothing_and_repeats_nothing(Dialect dialect) throws Exception {
        String url = dialect == Dialect.SQLITE ? "jdbc:sqlite:" + dir.resolve("crash.db") : Postgres.createDatabase();
        Path journal = dir.resolve("channel.journal");
        Path clock = dir.resolve("clock");
        Random random = new Random(20270301L);
        List<Process> started = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                Process node = start("run", url, journal, clock);
                started.add(node);
                long waitMs = 4_000 + random.nextInt(8_000);
                boolean exited = node.waitFor(waitMs, TimeUnit.MILLISECONDS);
                assertThat(exited)
                        .as("the node is still running when it is killed")
                        .isFalse();
                node.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush, no goodbye
            }
            Process drain = start("drain", url, journal, clock);
            started.add(drain);
            assertThat(drain.waitFor(8, TimeUnit.MINUTES))
                    .as("the node drains within 8 minutes")
                    .isTrue();
            assertThat(drain.exitValue()).as("the draining node's exit code").isZero();

            verify(url, journal);
            System.out.printf(
                    "crash test on %s: %d kills, drained and verified in %.0f s%n",
                    dialect, KILLS, (System.nanoTime() - t0) / 1e9);
        } finally {
            started.forEach(Process::destroyForcibly);
            if (dialect == Dialect.POSTGRES) {
                Postgres.dropDatabase(url);
            }
        }
    }

    private void verify(String url, Path journal) throws Exception {
        StoreConfig config = url.startsWith("jdbc:sqlite:")
                ? new StoreConfig(url, "", "", 1, 64)
                : StoreConfig.postgres(url, "postgres", "");
        try (Store store = Stores.open(config)) {
            long fed = count(store, "SELECT COUNT(*) FROM event_log WHERE kind = 'event' AND event_key LIKE 'e-%'");
            assertThat(fed).as("every event is in the log once").isEqualTo((long) CONTACTS * 4);

            long unprocessed = count(
                    store,
                    "SELECT COUNT(*) FROM event_log e JOIN partition_offsets o"
                            + " ON o.partition = e.partition WHERE e.seq > o.last_seq");
            assertThat(unprocessed).as("inputs beyond their partition's offset").isZero();
            assertThat(count(store, "SELECT COUNT(DISTINCT partition) FROM partition_offsets"))
                    .as("partitions with an offset")
                    .isEqualTo(64);

            List<long[]> perEvent = store.read(h -> h.createQuery("SELECT COUNT(DISTINCT event_id), COUNT(*) FROM facts"
                            + " WHERE kind IN ('entered', 'not_entered') AND event_id LIKE 'e-%'")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .list());
            assertThat(perEvent.get(0)[0]).as("events with an entry decision").isEqualTo((long) CONTACTS * 4);
            assertThat(perEvent.get(0)[1])
                    .as("entry decisions: one per event, none twice")
                    .isEqualTo((long) CONTACTS * 4);

            assertThat(count(store, "SELECT COUNT(*) FROM input_failures"))
                    .as("inputs that failed")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM instances WHERE status = 'failed'"))
                    .as("instances that ended FAILED")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM timers"))
                    .as("timers left")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM instances WHERE active = 1"))
                    .as("instances still running")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'"))
                    .as("messages not sent")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM tasks WHERE task_key LIKE '%:escalated'"))
                    .as("detractor calls escalated after 48 hours")
                    .isEqualTo(CrashWorkload.detractors(CONTACTS).size());
        }

        Map<String, Integer> delivered = new HashMap<>();
        int repeats = 0;
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.startsWith("delivered ")) {
                delivered.merge(line.substring("delivered ".length()), 1, Integer::sum);
            } else if (line.startsWith("repeat ")) {
                repeats++;
            }
        }
        Set<String> expected = CrashWorkload.expectedMessages(CONTACTS);
        assertThat(new TreeSet<>(delivered.keySet()))
                .as("the messages delivered")
                .isEqualTo(expected);
        assertThat(delivered.values()).as("deliveries per key").allMatch(n -> n == 1);
        System.out.printf(
                "crash test: %d messages delivered once each; %d repeated sends after kills were recognised by key%n",
                delivered.size(), repeats);
    }

    private static long count(Store store, String sql) {
        return store.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private Process start(String mode, String url, Path journal, Path clock) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashNode.class.getName());
        cmd.add(mode);
        cmd.add(url);
        cmd.add(journal.toString());
        cmd.add(clock.toString());
        cmd.add(String.valueOf(CONTACTS));
        cmd.add(Library.fixtureFolder().toString());
        File log =
                dir.resolve("node-" + mode + "-" + System.nanoTime() + ".log").toFile();
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }
}
