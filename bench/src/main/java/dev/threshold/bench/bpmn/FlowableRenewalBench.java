package dev.threshold.bench.bpmn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The BPMN side of the comparison: Flowable, embedded, running the renewal reminder (email, thirty days, SMS)
 * for N residents. Measures process starts per second (starts batched in transactions on several threads)
 * and the drain of N due timers by Flowable's async executor, tuned for throughput. Prints one line
 * {@code RESULT {...}} (JSON) for {@code ./threshold bench}; run alone:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.threshold.bench.bpmn.FlowableRenewalBench --instances 10000 --db h2
 * </pre>
 */
public final class FlowableRenewalBench {
    private int instances = 10_000;
    private int warmUp = -1;
    private String db = "h2";
    private String pgUrl = "jdbc:postgresql://127.0.0.1:5432/";
    private String pgUser = "postgres";
    private int threads = 2;
    private int batch = 100;
    private int executorThreads = 8;
    private String history = "audit";
    private Path work = Path.of(System.getProperty("java.io.tmpdir"), "threshold-bench-flowable");

    public static void main(String[] args) throws Exception {
        FlowableRenewalBench b = new FlowableRenewalBench();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--instances" -> b.instances = Integer.parseInt(v);
                case "--warm-up" -> b.warmUp = Integer.parseInt(v);
                case "--db" -> b.db = v;
                case "--pg-url" -> b.pgUrl = v;
                case "--pg-user" -> b.pgUser = v;
                case "--threads" -> b.threads = Integer.parseInt(v);
                case "--batch" -> b.batch = Integer.parseInt(v);
                case "--executor-threads" -> b.executorThreads = Integer.parseInt(v);
                case "--history" -> b.history = v;
                case "--work" -> b.work = Path.of(v);
                default ->
                    throw new IllegalArgumentException("unknown option " + a
                            + " (known: --instances, --warm-up, --db h2|postgres, --pg-url, --pg-user, --threads, --batch,"
                            + " --executor-threads, --history, --work)");
            }
        }
        if (!b.db.equals("h2") && !b.db.equals("postgres")) {
            throw new IllegalArgumentException("--db must be h2 or postgres, not " + b.db);
        }
        System.out.println("RESULT " + b.run());
    }

    String run() throws Exception {
        String database = "threshold_bench_flowable_" + ProcessHandle.current().pid();
        String url;
        if (db.equals("h2")) {
            Files.createDirectories(work);
            Path file = work.resolve("flowable-" + ProcessHandle.current().pid());
            url = "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
        } else {
            admin("CREATE DATABASE " + database);
            url = pgUrl.replaceAll("/[^/]*$", "/") + database;
        }
        try {
            return measure(url);
        } finally {
            if (db.equals("h2")) {
                try (var files = Files.list(work)) {
                    for (Path f : files.filter(f -> f.getFileName()
                                    .toString()
                                    .startsWith("flowable-"
                                            + ProcessHandle.current().pid()))
                            .toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            } else {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private void admin(String sql) throws SQLException {
        String adminUrl = pgUrl.replaceAll("/[^/]*$", "/") + "postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, pgUser, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String measure(String url) throws Exception {
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(url);
        cfg.setJdbcDriver(db.equals("h2") ? "org.h2.Driver" : "org.postgresql.Driver");
        cfg.setJdbcUsername(db.equals("h2") ? "sa" : pgUser);
        cfg.setJdbcPassword("");
        cfg.setJdbcMaxActiveConnections(threads + executorThreads + 4);
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistory(history);
        // only the process engine: no identity management, no event registry (the process uses neither)
        cfg.setDisableIdmEngine(true);
        cfg.setDisableEventRegistry(true);
        // the async executor, tuned for a drain: large acquisitions, short waits, a pool and queue that keep
        // the cores busy; started only once the timers are due, so the starts run alone
        cfg.setAsyncExecutorActivate(false);
        cfg.setAsyncExecutorCorePoolSize(executorThreads);
        cfg.setAsyncExecutorMaxPoolSize(executorThreads);
        cfg.setAsyncExecutorThreadPoolQueueSize(4096);
        cfg.setAsyncExecutorMaxTimerJobsPerAcquisition(512);
        cfg.setAsyncExecutorMaxAsyncJobsDuePerAcquisition(512);
        cfg.setAsyncExecutorDefaultTimerJobAcquireWaitTime(100);
        cfg.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(100);
        cfg.setAsyncExecutorDefaultQueueSizeFullWaitTime(50);
        cfg.setAsyncExecutorTimerLockTimeInMillis(600_000);
        cfg.setAsyncExecutorAsyncJobLockTimeInMillis(600_000);
        ProcessEngine engine = cfg.buildProcessEngine();
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addClasspathResource("bpmn/renewal-reminder.bpmn20.xml")
                    .deploy();
            warmUp(engine, cfg);
            long emails0 = SendMessage.EMAILS.sum();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            starts(engine, "R-", instances);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            long startCpu = cpuNanos() - c0;
            long emails = SendMessage.EMAILS.sum() - emails0;
            long timers = engine.getManagementService().createTimerJobQuery().count();
            if (emails != instances || timers < instances) {
                throw new IllegalStateException(
                        "after " + instances + " starts: " + emails + " emails, " + timers + " timers waiting");
            }
            // thirty days pass (after the warm-up's thirty-one)
            cfg.getClock()
                    .setCurrentTime(new Date(
                            System.currentTimeMillis() + Duration.ofDays(62).toMillis()));
            long sms0 = SendMessage.SMS.sum();
            long target = sms0 + timers;
            long dc0 = cpuNanos();
            long d0 = System.nanoTime();
            engine.getProcessEngineConfiguration().getAsyncExecutor().start();
            long lastCheck = System.nanoTime();
            while (SendMessage.SMS.sum() < target) {
                LockSupport.parkNanos(5_000_000L);
                if (System.nanoTime() - lastCheck > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("the drain stalled at " + (SendMessage.SMS.sum() - sms0));
                }
            }
            while (engine.getRuntimeService().createProcessInstanceQuery().count() > 0) {
                LockSupport.parkNanos(5_000_000L);
            }
            double drainSeconds = (System.nanoTime() - d0) / 1e9;
            long drainCpu = cpuNanos() - dc0;
            engine.getProcessEngineConfiguration().getAsyncExecutor().shutdown();
            return String.format(
                    Locale.ROOT,
                    "{\"engine\":\"Flowable %s\",\"database\":\"%s\",\"instances\":%d,\"start_seconds\":%.3f,"
                            + "\"starts_per_second\":%.1f,\"timers\":%d,\"drain_seconds\":%.3f,"
                            + "\"timers_per_second\":%.1f,\"threads\":%d,\"batch\":%d,\"executor_threads\":%d,"
                            + "\"history\":\"%s\",\"cpu_us_per_start\":%.1f,\"cpu_us_per_timer\":%.1f}",
                    ProcessEngine.VERSION,
                    db.equals("h2") ? "H2 (embedded file)" : "PostgreSQL",
                    instances,
                    startSeconds,
                    instances / startSeconds,
                    timers,
                    drainSeconds,
                    timers / drainSeconds,
                    threads,
                    batch,
                    executorThreads,
                    history,
                    startCpu / 1e3 / instances,
                    drainCpu / 1e3 / timers);
        } finally {
            engine.close();
        }
    }

    /**
     * Starts processes that are not measured and runs them to the end (thirty-one days on, each due timer
     * executed through the job API), so the figures are of compiled code; as Threshold's side does.
     */
    private void warmUp(ProcessEngine engine, StandaloneProcessEngineConfiguration cfg) throws Exception {
        int n = warmUp >= 0 ? warmUp : Math.min(5_000, Math.max(100, instances / 10));
        starts(engine, "warm-", n);
        cfg.getClock()
                .setCurrentTime(new Date(
                        System.currentTimeMillis() + Duration.ofDays(31).toMillis()));
        var jobs = engine.getManagementService();
        for (var timer : jobs.createTimerJobQuery().executable().list()) {
            jobs.executeJob(jobs.moveTimerToExecutableJob(timer.getId()).getId());
        }
        if (engine.getRuntimeService().createProcessInstanceQuery().count() != 0) {
            throw new IllegalStateException("the warm-up's processes did not all end");
        }
    }

    /** Process CPU time, all threads: a cost per operation that stays true on a machine other work shares. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code n} process starts, {@code batch} to a transaction, on {@code threads} threads. */
    private void starts(ProcessEngine engine, String prefix, int n) throws Exception {
        AtomicLong next = new AtomicLong();
        RuntimeService runtime = engine.getRuntimeService();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                long from;
                while ((from = next.getAndAdd(batch)) < n) {
                    long to = Math.min(n, from + batch);
                    long first = from;
                    engine.getManagementService().executeCommand((Command<Void>) ctx -> {
                        for (long i = first; i < to; i++) {
                            Map<String, Object> vars = new HashMap<>();
                            vars.put("contact", prefix + i);
                            vars.put("lease", "L-" + i);
                            runtime.startProcessInstanceByKey("renewalReminder", prefix + i, vars);
                        }
                        return null;
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }
}
