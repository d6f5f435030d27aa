package dev.threshold.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement in the runtime and the server that touches a table keyed by tenant names {@code tenant_id}.
 * The statements are read from the sources (the string literals of each Java statement, joined); the tenant tables
 * from the migrations. The few statements that work across tenants on purpose — the workers' and the pumps' reads by
 * partition or due time, and the operator's metrics — are listed here with the reason, and the list is checked to
 * be exact, so it cannot go stale.
 */
class TenantFilterTest {
    static final Path ROOT = Path.of(System.getProperty("threshold.root"));

    /** File name and a piece of the statement, for each statement that spans tenants on purpose, and why. */
    static final Map<String, String> RUNTIME_WIDE = Map.ofEntries(
            Map.entry("InputLog.java|FROM event_log WHERE seq > ?", "a worker reads its partitions' inputs in order"),
            Map.entry("InputLog.java|SELECT MAX(seq) FROM event_log", "the end of the log, for the backlog"),
            Map.entry("Worker.java|FROM event_log WHERE seq > ? AND partition IN", "a worker's backlog"),
            Map.entry("TimerPump.java|FROM timers WHERE due_at <= ?", "the pump takes due timers of every tenant"),
            Map.entry("TimerPump.java|SELECT MIN(due_at) FROM timers", "when the pump next has work, any tenant's"),
            Map.entry(
                    "TimerPump.java|SELECT due_at FROM timers ORDER BY due_at LIMIT 1",
                    "whether any tenant's timer is due: the earliest of all"),
            Map.entry("TimerPump.java|SELECT COUNT(*) FROM timers", "how many timers the pump holds"),
            Map.entry(
                    "AudienceSql.java|SELECT DISTINCT c.contact_id FROM contacts c",
                    "built in pieces: its constructor appends WHERE c.tenant_id = ? before any condition"),
            Map.entry("BenchCommand.java|FROM instances WHERE active = 1", "a benchmark's own throwaway store"),
            Map.entry("BenchCommand.java|FROM timers WHERE due_at <= :now", "a benchmark's own throwaway store"),
            Map.entry("DurableBench.java|FROM instances WHERE active = 1", "a benchmark's own throwaway store"),
            Map.entry("DurableBench.java|FROM timers WHERE due_at <= :now", "a benchmark's own throwaway store"),
            Map.entry(
                    "ClusterBench.java|SELECT e.partition, MAX(e.seq) AS last FROM event_log e",
                    "a benchmark's own throwaway database: every partition processed?"),
            Map.entry("Dispatcher.java|SELECT MIN(next_attempt_at) FROM outbox", "when the dispatcher next has work"),
            Map.entry("MetricsResource.java|GROUP BY tenant_id, status", "outbox depth per tenant, for the operator"),
            Map.entry("MetricsResource.java|GROUP BY tenant_id, outcome", "send outcomes per tenant, for the operator"),
            Map.entry("MetricsResource.java|FROM event_log WHERE partition = ?", "processing lag per partition"),
            Map.entry("MetricsResource.java|SELECT MAX(seq) FROM deliveries", "where counting send outcomes starts"));

    @Test
    void every_statement_on_a_tenant_table_names_the_tenant() throws IOException {
        Set<String> tenantTables = tenantTables();
        assertThat(tenantTables).contains("contacts", "event_log", "api_keys", "property_records", "task_claims");
        List<String> missing = new ArrayList<>();
        Set<String> allowedSeen = new TreeSet<>();
        int checked = 0;
        for (Path file : javaFiles()) {
            for (String sql : statements(Files.readString(file))) {
                Set<String> touched = tables(sql);
                touched.retainAll(tenantTables);
                if (touched.isEmpty()) {
                    continue;
                }
                checked++;
                if (namesTenant(sql)) {
                    continue;
                }
                String allowed = RUNTIME_WIDE.keySet().stream()
                        .filter(k ->
                                k.startsWith(file.getFileName() + "|") && sql.contains(k.substring(k.indexOf('|') + 1)))
                        .findFirst()
                        .orElse(null);
                if (allowed == null) {
                    missing.add(ROOT.relativize(file) + ": " + sql);
                } else {
                    allowedSeen.add(allowed);
                }
            }
        }
        assertThat(checked).as("statements on tenant tables found").isGreaterThan(60);
        assertThat(missing).as("statements on tenant tables without tenant_id").isEmpty();
        assertThat(allowedSeen)
                .as("every runtime-wide exception still exists")
                .isEqualTo(new TreeSet<>(RUNTIME_WIDE.keySet()));
    }

    @Test
    void the_scan_sees_a_statement_without_the_tenant() {
        String source = "class X { void f() { run(\"SELECT view FROM contacts\" + \" WHERE contact_id = ?\"); } }";
        List<String> found = statements(source);
        assertThat(found).containsExactly("SELECT view FROM contacts WHERE contact_id = ?");
        assertThat(tables(found.get(0))).containsExactly("contacts");
        assertThat(namesTenant(found.get(0))).isFalse();
        assertThat(namesTenant("SELECT tenant_id, view FROM contacts")).isFalse();
        assertThat(namesTenant("SELECT view FROM contacts WHERE tenant_id = ?")).isTrue();
    }

    /**
     * An insert names the tenant among its columns; any other statement must filter on it ({@code tenant_id = ?},
     * {@code t.tenant_id = k.tenant_id}, {@code tenant_id IN (…)}): selecting the column is not enough.
     */
    static boolean namesTenant(String sql) {
        if (sql.trim().startsWith("INSERT")) {
            return sql.contains("tenant_id");
        }
        return Pattern.compile("tenant_id\\s*(=|IN\\s*\\()").matcher(sql).find();
    }

    /** Tables whose CREATE TABLE has a tenant_id column, from every migration. */
    static Set<String> tenantTables() throws IOException {
        Set<String> out = new TreeSet<>();
        Path migrations = ROOT.resolve("runtime/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL)
                        .matcher(Files.readString(f));
                while (m.find()) {
                    if (m.group(2).contains("tenant_id")) {
                        out.add(m.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    static List<Path> javaFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String module : List.of("runtime", "server")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The SQL of each Java statement: its string literals joined, when they hold a statement keyword. */
    static List<String> statements(String source) {
        List<String> out = new ArrayList<>();
        StringBuilder literals = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                i = i < 0 ? source.length() : i;
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                i = source.indexOf("*/", i) + 2;
            } else if (c == '\'') {
                i = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2)) + 1;
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder lit = new StringBuilder();
                while (source.charAt(end) != '"') {
                    if (source.charAt(end) == '\\') {
                        lit.append(source.charAt(end + 1));
                        end += 2;
                    } else {
                        lit.append(source.charAt(end++));
                    }
                }
                literals.append(lit);
                i = end + 1;
            } else if (c == ';' || c == '{' || c == '}') {
                flush(literals, out);
                i++;
            } else {
                i++;
            }
        }
        flush(literals, out);
        return out;
    }

    private static void flush(StringBuilder literals, List<String> out) {
        String text = literals.toString();
        if (Pattern.compile("\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\\b")
                .matcher(text)
                .find()) {
            out.add(text.trim());
        }
        literals.setLength(0);
    }

    static Set<String> tables(String sql) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_]+)").matcher(sql);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
