package dev.threshold.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.domain.DomainActions;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.Role;
import dev.threshold.server.bench.BenchResidents;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code threshold bench cluster}: throughput of 1, 2, 3… {@code threshold serve} nodes sharing one PostgreSQL
 * database. For each node count, a fresh database: the library published, residents saved, the nodes started as
 * processes of their own, then events posted over HTTP to the nodes in turn by several clients at once; measured:
 * events/s accepted (durably appended) and events/s processed end to end (until every partition's offset passed
 * the last event). Each event is a promoter's rating, which enters the NPS journey: one instance, a thank-you in the
 * outbox, a timer.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Measure throughput with 1, 2, 3... serve nodes over one PostgreSQL database.")
final class ClusterBench implements Callable<Integer> {
    private static final String TENANT = "bench";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "1,2,3", description = "node counts (default 1,2,3)")
    List<Integer> nodeCounts;

    @Option(names = "--events", defaultValue = "60000", description = "events per run (default 60000)")
    int events;

    @Option(names = "--clients", defaultValue = "6", description = "HTTP clients posting at once (default 6)")
    int clients;

    @Option(
            names = "--pg-server",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/",
            description = "the PostgreSQL server; a database is created for each run and dropped after it")
    String server;

    @Option(names = "--pg-user", defaultValue = "postgres", description = "its user (default postgres)")
    String user;

    @Option(names = "--pg-password", defaultValue = "", description = "its password")
    String password;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "cluster benchmark: %,d events over HTTP by %d clients, nodes %s, on %d cores, PostgreSQL at %s%n",
                events, clients, nodeCounts, Runtime.getRuntime().availableProcessors(), server);
        out.println("| nodes | accepted events/s | processed events/s (end to end) | seconds |");
        out.println("|---|---|---|---|");
        for (int n : nodeCounts) {
            if (n < 1 || n > 16) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--nodes: from 1 to 16, not " + n);
            }
            Result r = run(n);
            out.printf("| %d | %,.0f | %,.0f | %.1f |%n", n, r.accepted(), r.processed(), r.seconds());
            out.flush();
        }
        return 0;
    }

    private record Result(double accepted, double processed, double seconds) {}

    private Result run(int nodeCount) throws Exception {
        String db = "threshold_bench_cluster_" + nodeCount + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        admin("CREATE DATABASE " + db);
        Path dir = Files.createTempDirectory("threshold-bench-cluster");
        List<Process> nodes = new ArrayList<>();
        try {
            String url = server + db;
            int contacts = events; // one rating each: every event enters the journey
            String key = prepare(url, contacts);
            List<String> bases = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                int port = freePort();
                nodes.add(start(dir, "node-" + i, port, url));
                bases.add("http://127.0.0.1:" + port);
            }
            for (int i = 0; i < nodeCount; i++) {
                awaitReady(bases.get(i), nodes.get(i));
            }
            Thread.sleep(3_000); // the leases settle between the nodes
            long t0 = System.nanoTime();
            post(key, bases, contacts);
            double accepted = (System.nanoTime() - t0) / 1e9;
            try (Store store = Stores.open(StoreConfig.postgres(url, user, password))) {
                awaitProcessed(store);
            }
            double processed = (System.nanoTime() - t0) / 1e9;
            return new Result(events / accepted, events / processed, processed);
        } finally {
            for (Process p : nodes) {
                p.destroy();
            }
            for (Process p : nodes) {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private String prepare(String url, int contacts) throws Exception {
        try (Store store = Stores.open(StoreConfig.postgres(url, user, password))) {
            try (ThresholdRuntime rt = ThresholdRuntime.builder(store, Clock.systemUTC())
                    .actions(DomainActions.registry())
                    .build()) {
                rt.journeys().publishAll(TENANT, Workspace.journeys());
                rt.directory().saveCommunity(TENANT, CommunityView.minimal("cedar-ridge", ZoneId.of("UTC")));
                List<ContactView> people = new ArrayList<>();
                for (int i = 0; i < contacts; i++) {
                    people.add(resident(i));
                    if (people.size() == 5_000) {
                        rt.directory().saveContacts(TENANT, people);
                        people.clear();
                    }
                }
                rt.directory().saveContacts(TENANT, people);
            }
            return new ApiKeys(store, Clock.systemUTC(), new SecureRandom())
                    .create(TENANT, "bench", Role.INGEST, Set.of())
                    .key();
        }
    }

    private Process start(Path dir, String node, int port, String url) throws IOException {
        Path config = dir.resolve(node + ".yaml");
        Files.writeString(
                config,
                """
                data_dir: %s
                server: { port: %d, shutdown_grace_seconds: 5 }
                store: { url: %s, user: %s, password: "%s", pool: 6 }
                runtime: { workers: 1, journal: %s }
                limits: { rate_per_second: 100000, rate_burst: 100000 }
                cluster: { node: %s, lease_seconds: 5 }
                """.formatted(dir.resolve(node), port, url, user, password, dir.resolve(node + ".journal"), node),
                StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "--enable-native-access=ALL-UNNAMED",
                        "--sun-misc-unsafe-memory-access=allow",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.threshold.server.Threshold",
                        "serve",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(node + ".log").toFile())
                .start();
    }

    private void awaitReady(String base, Process node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("a node exited with " + node.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("a node was not ready within 3 minutes");
    }

    /** Posts every event in batches of 500, the batches spread over the nodes and the clients. */
    private void post(String key, List<String> bases, int contacts) throws Exception {
        AtomicInteger next = new AtomicInteger();
        int batches = (events + 499) / 500;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        ArrayNode list = StateJson.mapper().createArrayNode();
                        for (int n = b * 500; n < Math.min(events, (b + 1) * 500); n++) {
                            list.add(event(n, contacts));
                        }
                        ObjectNode body = StateJson.mapper().createObjectNode();
                        body.set("events", list);
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(bases.get(b % bases.size()) + "/v1/events/batch"))
                                        .header("Authorization", "Bearer " + key)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException("a batch was refused: " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitProcessed(Store store) throws InterruptedException {
        while (true) {
            long behind = store.read(
                    h -> h.createQuery("SELECT COUNT(*) FROM (SELECT e.partition, MAX(e.seq) AS last FROM event_log e"
                                    + " GROUP BY e.partition) l LEFT JOIN partition_offsets o"
                                    + " ON o.partition = l.partition WHERE l.last > COALESCE(o.last_seq, 0)")
                            .mapTo(Long.class)
                            .one());
            if (behind == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static ObjectNode event(int n, int contacts) {
        return BenchResidents.rating("c-" + n, contactId(n % contacts), 10, Instant.now());
    }

    private static String contactId(int i) {
        return "R-" + i;
    }

    private static ContactView resident(int i) {
        return BenchResidents.resident(
                contactId(i), i, ZoneId.of("UTC"), Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING));
    }

    private static int freePort() throws IOException {
        return BenchResidents.freePort();
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
