package dev.threshold.server.cli;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Stage;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.time.BusinessCalendar;
import dev.threshold.runtime.analytics.DurationBuckets;
import dev.threshold.runtime.analytics.Rollups;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Sql;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.server.auth.Role;
import dev.threshold.server.config.ConfigLoader;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.serve.ThresholdService;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code threshold bench dashboard}: how fast the dashboard's pages answer with a store the size of a large
 * portfolio. It fills a store with N instances across the published journeys (default 1,000,000) and the running
 * totals the runtime would have kept for them, with bulk inserts that match the schema, plus the contacts, tasks,
 * leads and deliveries the pages read; then serves it as {@code threshold serve} does, signs in, and times each page
 * through the real HTTP stack (session, templates, JSON of graphs), reporting p50, p95 and the slowest of several
 * requests.
 */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = "Fill a store with N instances and their analytics, then time the dashboard's pages.")
final class DashboardBench implements Callable<Integer> {
    static final String TENANT = "bench-dash";
    private static final int COMMUNITIES = 50;
    private static final int DAYS = 365;
    private static final int CHUNK = 20_000;
    private static final List<String> ROLES =
            List.of("leasing-agent", "community-manager", "maintenance-lead", "regional-manager", "resident-services");
    private static final List<String> ZONES =
            List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles");
    private static final List<String> EVENTS = List.of(
            "lead.created",
            "form.submitted",
            "tour.booked",
            "tour.completed",
            "application.submitted",
            "lease.signed",
            "renewal.signed",
            "notice.given",
            "referral.submitted",
            "workorder.created");

    @Mixin
    StoreOptions store;

    @Option(names = "--instances", defaultValue = "1000000", description = "instances to fill (default 1,000,000)")
    int instances;

    @Option(names = "--requests", defaultValue = "20", description = "timed requests per page (default 20)")
    int requests;

    @Option(names = "--refill", description = "empty the benchmark's tenant and fill it again even when it is full")
    boolean refill;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final SplittableRandom random = new SplittableRandom(7);
    private final Instant now = Clock.systemUTC().instant();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StoreConfig config = store.config();
        if (instances < 1000) {
            spec.commandLine().getErr().println("threshold bench dashboard: --instances must be at least 1000");
            return 2;
        }
        Path data = Files.createTempDirectory("threshold-bench-dashboard");
        Map<String, String> env = Map.of(
                "THRESHOLD_SERVER_PORT", "0",
                "THRESHOLD_DATA_DIR", data.toString(),
                "THRESHOLD_LIMITS_RATE_PER_SECOND", "100000",
                "THRESHOLD_LIMITS_RATE_BURST", "1000000");
        ServerConfig base = ConfigLoader.load(Optional.empty(), env);
        ServerConfig server = new ServerConfig(
                base.dataDir(),
                base.http(),
                config,
                base.runtime(),
                base.limits(),
                base.webhooks(),
                base.cluster(),
                base.stream(),
                base.channels());
        out.printf(
                "%d cores, max heap %d MiB, %d instances%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, instances);
        try (ThresholdService service =
                ThresholdService.start(server, Clock.systemUTC(), false, Workspace.journeys())) {
            Store s = service.store();
            out.printf("store: %s%n", s.describe());
            if (service.runtime().journeys().engine(TENANT).library().latest().isEmpty()) {
                service.runtime().journeys().publishAll(TENANT, Workspace.journeys());
                service.runtime().journeys().forget();
            }
            List<Journey> journeys =
                    service.runtime().journeys().engine(TENANT).library().latest();
            long have = s.read(h -> h.createQuery("SELECT COUNT(*) FROM instances WHERE tenant_id = :t")
                    .bind("t", TENANT)
                    .mapTo(Long.class)
                    .one());
            // tasks are filled last: a fill that stopped half way is filled again
            long tasks = s.read(h -> h.createQuery("SELECT COUNT(*) FROM tasks WHERE tenant_id = :t")
                    .bind("t", TENANT)
                    .mapTo(Long.class)
                    .one());
            if (refill || have != instances || tasks != instances / 20) {
                long t0 = System.nanoTime();
                empty(s);
                fill(s, config, journeys, out);
                out.printf(
                        "filled in %.1f s; store on disk %,d MiB%n",
                        (System.nanoTime() - t0) / 1e9, s.sizeOnDisk() >> 20);
            } else {
                out.printf("the store already holds %,d instances of %s: timing only%n", have, TENANT);
            }
            String key = service.keys()
                    .create(TENANT, "dashboard benchmark", Role.ADMIN, Set.of())
                    .key();
            time(service.port(), key, journeys, out);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }

    // ---- filling ------------------------------------------------------------------------------------------

    private static final List<String> TABLES = List.of(
            "instances",
            "contacts",
            "contact_roles",
            "communities",
            "tasks",
            "leads",
            "deliveries",
            "journey_totals",
            "journey_days",
            "stage_totals",
            "stage_exits",
            "stage_durations",
            "split_totals",
            "handoff_totals",
            "community_days",
            "community_blocks",
            "step_counts");

    private void empty(Store s) {
        for (String table : TABLES) {
            s.write(h -> h.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .bind("t", TENANT)
                    .execute());
        }
    }

    /** Running totals, as Rollups keeps them, keyed by their primary key's values. */
    private static final class Totals {
        final Map<List<Object>, long[]> rows = new HashMap<>();

        void add(List<Object> key, long... amounts) {
            long[] t = rows.computeIfAbsent(key, k -> new long[amounts.length]);
            for (int i = 0; i < amounts.length; i++) {
                t[i] += amounts[i];
            }
        }
    }

    private void fill(Store s, StoreConfig config, List<Journey> journeys, PrintWriter out) throws Exception {
        long t0 = System.nanoTime();
        List<String> communities = new ArrayList<>();
        s.write(h -> {
            for (int i = 0; i < COMMUNITIES; i++) {
                String id = String.format("c%02d", i + 1);
                communities.add(id);
                CommunityView v = CommunityView.minimal(id, ZoneId.of(ZONES.get(i % ZONES.size())));
                Directory.writeCommunity(
                        h.getConnection(),
                        TENANT,
                        new CommunityView(
                                id,
                                "Community " + (i + 1),
                                Optional.of(i < 25 ? "east" : "west"),
                                Optional.empty(),
                                v.timezone(),
                                Optional.empty(),
                                "",
                                "",
                                "",
                                Map.of(),
                                Map.of(),
                                BusinessCalendar.standard(v.timezone()),
                                Optional.empty(),
                                Map.of()),
                        now);
            }
            return null;
        });
        int people = Math.max(1, instances / 4);
        for (int from = 0; from < people; from += CHUNK) {
            int start = from;
            int end = Math.min(people, from + CHUNK);
            s.write(h -> {
                List<ContactView> chunk = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    chunk.add(person(i, communities.get(i % COMMUNITIES)));
                }
                Directory.writeContacts(h.getConnection(), s.partitions(), TENANT, chunk, now);
                return null;
            });
        }
        out.printf("  %,d contacts in %.1f s%n", people, (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        Totals journeyTotals = new Totals();
        Totals journeyDays = new Totals();
        Totals stageTotals = new Totals();
        Totals stageExits = new Totals();
        Totals stageDurations = new Totals();
        Totals splits = new Totals();
        Totals handoffs = new Totals();
        Totals steps = new Totals();
        long today = now.getEpochSecond() / 86_400;
        List<Object[]> rows = new ArrayList<>(CHUNK);
        String insert = "INSERT INTO instances (tenant_id, instance_id, partition, contact_id, journey_id, version,"
                + " instance_key, status, active, stage, step, state, created_seq, created_no, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        for (int i = 0; i < instances; i++) {
            int person = i % people;
            String contact = "p" + person;
            String community = communities.get(person % COMMUNITIES);
            // a few journeys carry most people (renewals, leads), as in a real portfolio
            Journey j = journeys.get(
                    Math.min(journeys.size() - 1, (int) (journeys.size() * Math.pow(random.nextDouble(), 1.6))));
            List<Stage> stages = j.stages();
            long enteredDay = today - random.nextInt(DAYS);
            int reached = stages.isEmpty() ? 0 : 1 + random.nextInt(stages.size());
            double fate = random.nextDouble();
            boolean active = fate < 0.3;
            boolean goal = !active && fate < 0.55;
            String status = active ? "waiting" : goal ? "completed" : fate < 0.9 ? "exited" : "ended";
            String stage = reached == 0 ? "" : stages.get(reached - 1).id();
            String step = j.steps().isEmpty()
                    ? ""
                    : j.steps().get(random.nextInt(j.steps().size())).id();
            String id = j.id() + ":" + contact + ":" + i;
            rows.add(new Object[] {
                TENANT,
                id,
                s.partitions().of(TENANT, contact),
                contact,
                j.id(),
                j.version(),
                "",
                status,
                active ? 1 : 0,
                stage,
                step,
                stateOf(j, contact, id, status, stage, step, enteredDay),
                (long) i,
                0,
                enteredDay * 86_400_000L
            });
            double value = goal ? 1_000 + random.nextInt(2_000) : 0;
            journeyTotals.add(List.of(j.id(), community), 1, goal ? 1 : 0, (long) value, active ? 0 : 1);
            journeyDays.add(List.of(j.id(), community, enteredDay), 1, 0, 0);
            if (goal) {
                long goalDay = Math.min(today, enteredDay + random.nextInt(30));
                journeyDays.add(List.of(j.id(), community, goalDay), 0, 1, (long) value);
            }
            for (int k = 0; k < reached; k++) {
                String st = stages.get(k).id();
                boolean left = k < reached - 1 || !active;
                stageTotals.add(List.of(j.id(), j.version(), community, st), 1, left ? 1 : 0);
                if (left) {
                    String outcome = k < reached - 1 ? "advanced" : goal ? "goal" : status;
                    List<String> barriers = stages.get(k).barriers();
                    String barrier = outcome.equals("exited") && !barriers.isEmpty()
                            ? barriers.get(random.nextInt(barriers.size()))
                            : "";
                    stageExits.add(List.of(j.id(), j.version(), community, st, outcome, barrier), 1);
                    long stay = 60L + (long) (Math.pow(random.nextDouble(), 2) * 30 * 86_400);
                    stageDurations.add(List.of(j.id(), j.version(), community, st, DurationBuckets.bucket(stay)), 1);
                }
            }
            for (Step st : j.steps()) {
                if (random.nextInt(3) > 0) {
                    steps.add(List.of(j.id(), j.version(), st.id(), community), 1);
                }
                if (st.kind() instanceof Step.Split split && !split.variants().isEmpty()) {
                    Step.Variant v =
                            split.variants().get(random.nextInt(split.variants().size()));
                    splits.add(List.of(j.id(), community, st.id(), v.id()), 1, goal ? 1 : 0);
                }
            }
            if (goal && !j.handoffTargets().isEmpty()) {
                String to =
                        j.handoffTargets().get(random.nextInt(j.handoffTargets().size()));
                handoffs.add(List.of(j.id(), to, community), 1);
            }
            if (rows.size() == CHUNK) {
                flush(s, insert, rows);
            }
        }
        flush(s, insert, rows);
        out.printf("  %,d instances in %.1f s%n", instances, (System.nanoTime() - t1) / 1e9);

        long t2 = System.nanoTime();
        totals(
                s,
                "INSERT INTO journey_totals (tenant_id, journey_id, community_id, entered, not_entered, goals,"
                        + " goal_value, finished) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
                journeyTotals);
        totals(
                s,
                "INSERT INTO journey_days (tenant_id, journey_id, community_id, day, entered, goals, goal_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                journeyDays);
        totals(
                s,
                "INSERT INTO stage_totals (tenant_id, journey_id, version, community_id, stage, reached,"
                        + " left_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
                stageTotals);
        totals(
                s,
                "INSERT INTO stage_exits (tenant_id, journey_id, version, community_id, stage, outcome, barrier,"
                        + " people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                stageExits);
        totals(
                s,
                "INSERT INTO stage_durations (tenant_id, journey_id, version, community_id, stage, bucket, people)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                stageDurations);
        totals(
                s,
                "INSERT INTO split_totals (tenant_id, journey_id, community_id, step, variant, entered, goals)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                splits);
        totals(
                s,
                "INSERT INTO handoff_totals (tenant_id, from_journey, to_journey, community_id, handed)"
                        + " VALUES (?, ?, ?, ?, ?)",
                handoffs);
        Totals stepRows = new Totals();
        steps.rows.forEach((k, v) -> stepRows.add(k, v[0], now.toEpochMilli()));
        totals(
                s,
                "INSERT INTO step_counts (tenant_id, journey_id, version, step, community_id, runs, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                stepRows);
        out.printf(
                "  running totals (%,d rows) in %.1f s%n",
                journeyTotals.rows.size()
                        + journeyDays.rows.size()
                        + stageTotals.rows.size()
                        + stageExits.rows.size()
                        + stageDurations.rows.size()
                        + splits.rows.size()
                        + handoffs.rows.size()
                        + stepRows.rows.size(),
                (System.nanoTime() - t2) / 1e9);

        long t3 = System.nanoTime();
        fillOutcomes(s, communities, people, today);
        fillTasks(s, communities, people);
        out.printf(
                "  community days, %,d leads with their deliveries, %,d tasks in %.1f s%n",
                instances / 10, instances / 20, (System.nanoTime() - t3) / 1e9);
        if (s.dialect() == dev.threshold.runtime.store.Dialect.POSTGRES) {
            // what autovacuum does to a store in service: statistics, and the visibility map index-only scans need
            try (java.sql.Connection c =
                            java.sql.DriverManager.getConnection(config.url(), config.user(), config.password());
                    java.sql.Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE");
            }
        } else {
            s.write(h -> h.execute("ANALYZE"));
        }
    }

    private ContactView person(int i, String community) {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        addresses.put(Channel.EMAIL, "p" + i + "@example.com");
        addresses.put(Channel.SMS, String.format("+1303555%04d", i % 10_000));
        return new ContactView(
                "p" + i,
                new LinkedHashSet<>(List.of(i % 3 == 0 ? "prospect" : "resident")),
                Names.FIRST[i % Names.FIRST.length],
                Names.LAST[(i / Names.FIRST.length) % Names.LAST.length],
                Optional.empty(),
                "en",
                Optional.of(community),
                Optional.empty(),
                addresses,
                Map.of(),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.of(now.minusSeconds(random.nextInt(DAYS * 86_400))));
    }

    /** A stand-in for the instance state (about 0.6 KB; no page reads it): ids, status, step, stage and some data. */
    private static String stateOf(
            Journey j, String contact, String id, String status, String stage, String step, long day) {
        return "{\"id\":\"" + id + "\",\"journey\":\"" + j.id() + "\",\"version\":" + j.version() + ",\"contact\":\""
                + contact + "\",\"key\":\"\",\"status\":\"" + status.toUpperCase(java.util.Locale.ROOT)
                + "\",\"step\":\"" + step + "\",\"stage\":\"" + stage + "\",\"startedAt\":\""
                + Instant.ofEpochSecond(day * 86_400) + "\",\"data\":{\"source\":\"bench\",\"notes\":\""
                + "x".repeat(400) + "\"},\"results\":{},\"timers\":[],\"waiting\":null}";
    }

    private void flush(Store s, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> batch = List.copyOf(rows);
        rows.clear();
        s.write(h -> {
            Sql.batch(h.getConnection(), sql, batch);
            return null;
        });
    }

    private void totals(Store s, String sql, Totals totals) {
        List<Object[]> rows = new ArrayList<>(CHUNK);
        for (Map.Entry<List<Object>, long[]> e : totals.rows.entrySet()) {
            Object[] row = new Object[1 + e.getKey().size() + e.getValue().length];
            row[0] = TENANT;
            for (int i = 0; i < e.getKey().size(); i++) {
                row[1 + i] = e.getKey().get(i);
            }
            for (int i = 0; i < e.getValue().length; i++) {
                row[1 + e.getKey().size() + i] = e.getValue()[i];
            }
            rows.add(row);
            if (rows.size() == CHUNK) {
                flush(s, sql, rows);
            }
        }
        flush(s, sql, rows);
    }

    /** Events per community and day, NPS scores, leads and the messages that answered them. */
    private void fillOutcomes(Store s, List<String> communities, int people, long today) {
        Totals days = new Totals();
        Map<String, Integer> metricIndex = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        EVENTS.forEach(e -> metrics.add("event:" + e));
        metrics.addAll(List.of("nps:promoter", "nps:passive", "nps:detractor", "goals", "goal_value"));
        for (int i = 0; i < metrics.size(); i++) {
            metricIndex.put(metrics.get(i), i);
        }
        for (String c : communities) {
            for (long d = today - DAYS; d <= today; d++) {
                for (String m : metrics) {
                    days.add(
                            List.of(c, d, m),
                            m.equals("goal_value") ? 1_000L * random.nextInt(20) : random.nextInt(12));
                }
            }
        }
        totals(
                s,
                "INSERT INTO community_days (tenant_id, community_id, day, metric, amount) VALUES (?, ?, ?, ?, ?)",
                days);
        Totals blocks = new Totals();
        days.rows.forEach((k, v) ->
                blocks.add(List.of(k.get(0), ((Long) k.get(1)) / Rollups.BLOCK_DAYS, k.get(2)), v[0]));
        totals(
                s,
                "INSERT INTO community_blocks (tenant_id, community_id, block, metric, amount) VALUES (?, ?, ?, ?, ?)",
                blocks);
        int leads = instances / 10;
        List<Object[]> leadRows = new ArrayList<>(CHUNK);
        List<Object[]> deliveries = new ArrayList<>(CHUNK);
        String leadSql = "INSERT INTO leads (tenant_id, event_key, community_id, contact_id, partition, lead_at,"
                + " first_response_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        String deliverySql = "INSERT INTO deliveries (tenant_id, message_key, contact_id, channel, purpose, outcome,"
                + " reason, at, until_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        for (int i = 0; i < leads; i++) {
            int person = random.nextInt(people);
            String contact = "p" + person;
            long at = (today - random.nextInt(DAYS)) * 86_400_000L + random.nextInt(86_400_000);
            // most leads are answered within minutes, some within hours, some never; a few more messages follow
            int answers = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(9);
            long t = at + (random.nextInt(4) == 0 ? random.nextInt(6 * 3_600_000) : random.nextInt(400_000));
            leadRows.add(new Object[] {
                TENANT,
                "lead.created:" + i,
                communities.get(person % COMMUNITIES),
                contact,
                s.partitions().of(TENANT, contact),
                at,
                answers == 0 ? Sql.NULL_BIGINT : t
            });
            for (int k = 0; k < answers; k++) {
                deliveries.add(new Object[] {
                    TENANT,
                    "msg:" + i + ":" + k,
                    contact,
                    k % 2 == 0 ? "sms" : "email",
                    "marketing",
                    k == 3 ? "deferred" : "sent",
                    k == 3 ? "quiet hours" : "delivered",
                    t,
                    Sql.NULL_BIGINT
                });
                t += random.nextInt(2 * 86_400_000);
            }
            if (leadRows.size() == CHUNK) {
                flush(s, leadSql, leadRows);
            }
            if (deliveries.size() >= CHUNK) {
                flush(s, deliverySql, deliveries);
            }
        }
        flush(s, leadSql, leadRows);
        flush(s, deliverySql, deliveries);
    }

    private void fillTasks(Store s, List<String> communities, int people) {
        int tasks = instances / 20;
        List<Object[]> rows = new ArrayList<>(CHUNK);
        String sql = "INSERT INTO tasks (tenant_id, task_key, partition, contact_id, instance_id, journey_id, step,"
                + " community_id, role, title, description, status, due_at, escalate_at, escalate_to, created_at,"
                + " closed_at, close_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long nowMs = now.toEpochMilli();
        for (int i = 0; i < tasks; i++) {
            int person = random.nextInt(people);
            String contact = "p" + person;
            boolean open = random.nextInt(10) == 0;
            long created = nowMs - random.nextLong(DAYS * 86_400_000L);
            long due = open ? nowMs + random.nextLong(-3 * 86_400_000L, 3 * 86_400_000L) : created + 86_400_000L;
            rows.add(new Object[] {
                TENANT,
                "task:" + i,
                s.partitions().of(TENANT, contact),
                contact,
                "instance:" + i,
                "renewal-journey",
                "personal-call",
                communities.get(person % COMMUNITIES),
                ROLES.get(random.nextInt(ROLES.size())),
                "Call about their renewal",
                "They have not answered the renewal offer.",
                open ? "open" : "done",
                due,
                due + 86_400_000L,
                "regional-manager",
                created,
                open ? Sql.NULL_BIGINT : created + random.nextLong(86_400_000L),
                open ? Sql.NULL_TEXT : "completed"
            });
            if (rows.size() == CHUNK) {
                flush(s, sql, rows);
            }
        }
        flush(s, sql, rows);
    }

    // ---- timing -------------------------------------------------------------------------------------------

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private void time(int port, String key, List<Journey> journeys, PrintWriter out) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = "http://127.0.0.1:" + port;
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> form = send(http, HttpRequest.newBuilder(URI.create(base + "/sign-in")), cookies);
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF token: " + form.body());
        }
        String body = "_csrf=" + enc(m.group(1)) + "&api_key=" + enc(key) + "&next=" + enc("/");
        HttpResponse<String> signed = send(
                http,
                HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                cookies);
        if (signed.statusCode() != 303 || !cookies.containsKey("thr_session")) {
            throw new IllegalStateException("could not sign in: " + signed.statusCode() + " " + signed.body());
        }
        String busiest = journeys.getFirst().id();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("library", "/");
        pages.put("journey (live map)", "/journeys/" + busiest);
        pages.put("journey, one community", "/journeys/" + busiest + "?community=c07");
        pages.put("web", "/web");
        pages.put("outcomes (30 days)", "/outcomes?days=30");
        pages.put("outcomes (365 days)", "/outcomes?days=365");
        pages.put("tasks", "/tasks");
        out.printf("%-26s %8s %8s %8s %10s%n", "page", "p50 ms", "p95 ms", "max ms", "bytes");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(base + page.getValue()));
            int size = 0;
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = send(http, get, cookies);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(page.getValue() + " answered " + r.statusCode() + ": " + r.body());
                }
                size = r.body().length();
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                send(http, get, cookies);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            out.printf(
                    "%-26s %8.1f %8.1f %8.1f %,10d%n",
                    page.getKey(), quantile(ms, 0.5), quantile(ms, 0.95), ms[ms.length - 1], size);
            out.flush();
        }
    }

    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, Map<String, String> cookies)
            throws Exception {
        if (!cookies.isEmpty()) {
            request.setHeader(
                    "Cookie",
                    String.join(
                            "; ",
                            cookies.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList()));
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String c : r.headers().allValues("set-cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A few names, so the contacts look like people. */
    private static final class Names {
        static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal"
        };
        static final String[] LAST = {"Ruiz", "Okafor", "Nguyen", "Schmidt", "Patel", "Kowalski", "Haddad", "Lee"};
    }
}
