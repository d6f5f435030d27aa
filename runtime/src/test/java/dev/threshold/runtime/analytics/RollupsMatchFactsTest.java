package dev.threshold.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.support.DurableScenario;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dashboard's running totals, kept batch by batch, say what counting the facts and the event log from scratch
 * says: the library's stories are played on the durable runtime, each as its own tenant in one store, and every
 * total is compared with the same figure recomputed from the rows it summarises.
 */
class RollupsMatchFactsTest {
    private static final JourneyLibrary LIBRARY = Library.load();
    private static final List<String> STORIES = List.of(
            "retention/nps-feedback-follow-up.scenarios/detractor.yaml",
            "retention/nps-feedback-follow-up.scenarios/escalation-and-review.yaml",
            "retention/nps-feedback-follow-up.scenarios/promoter.yaml",
            "retention/renewal-journey.scenarios/offer-accepted.yaml",
            "retention/renewal-journey.scenarios/silent-then-declined.yaml",
            "activation/lead-to-demo.scenarios/answered-at-once.yaml",
            "activation/lead-to-demo.scenarios/no-booking-agent-calls.yaml",
            "activation/customer-activation.scenarios/matched-and-booked.yaml",
            "growth/referral-journey.scenarios/renewed-referred-rewarded.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void every_running_total_equals_the_count_of_what_it_summarises(Dialect dialect) throws Exception {
        try (TestStore ts = TestStore.open(dialect, dir)) {
            int played = 0;
            for (String file : STORIES) {
                String tenant = "t" + played++;
                play(
                        ts.store(),
                        tenant,
                        Library.scenario(Library.journeysFolder().resolve(file)));
                Recount expected = Recount.of(ts.store(), tenant);
                assertThat(expected.facts()).as("facts of " + file).isPositive();
                assertThat(Totals.read(ts.store(), tenant))
                        .as("totals of " + file)
                        .isEqualTo(expected.totals());
                Map<String, Long> blocks = sums(
                        ts.store(),
                        tenant,
                        "SELECT community_id, block, metric, amount FROM community_blocks WHERE tenant_id = :t");
                assertThat(blocks).as("30-day blocks of " + file).isNotEmpty();
                assertThat(blocks)
                        .as("30-day blocks of " + file + " sum their days")
                        .isEqualTo(sums(
                                ts.store(),
                                tenant,
                                "SELECT community_id, day / 30, metric, SUM(amount) FROM community_days"
                                        + " WHERE tenant_id = :t GROUP BY community_id, day / 30, metric"));
            }
        }
    }

    private static Map<String, Long> sums(Store store, String tenant, String sql) {
        Map<String, Long> out = new java.util.TreeMap<>();
        store.read(h -> h.createQuery(sql)
                .bind("t", tenant)
                .map((rs, ctx) -> out.put(
                        rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3), Math.round(rs.getDouble(4))))
                .list());
        return out;
    }

    private static void play(Store store, String tenant, Scenario scenario) throws Exception {
        SettableClock clock = new SettableClock(scenario.start());
        try (ThresholdRuntime runtime = ThresholdRuntime.builder(store, clock)
                .actions(Library.actions())
                .channel(new RecordingChannel())
                .build()) {
            runtime.journeys().publishAll(tenant, Library.journeysFolder());
            DurableScenario.prepare(runtime, tenant, scenario, LIBRARY.latest());
            DurableScenario.play(runtime, tenant, scenario, clock);
        }
    }

    /** The running totals as the rollup tables hold them, keyed as {@link Recount} keys its figures. */
    static final class Totals {
        static Map<String, String> read(Store store, String tenant) {
            Map<String, String> out = new TreeMap<>();
            store.read(h -> {
                h.createQuery("SELECT journey_id, community_id, entered, not_entered, goals, goal_value, finished"
                                + " FROM journey_totals WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> {
                            String k = "journey|" + rs.getString(1) + "|" + rs.getString(2) + "|";
                            put(out, k + "entered", rs.getLong(3));
                            put(out, k + "not_entered", rs.getLong(4));
                            put(out, k + "goals", rs.getLong(5));
                            if (rs.getLong(5) > 0) {
                                out.put(k + "goal_value", String.format("%.2f", rs.getDouble(6)));
                            }
                            put(out, k + "finished", rs.getLong(7));
                            return null;
                        })
                        .list();
                h.createQuery("SELECT journey_id, version, community_id, stage, reached, left_count FROM stage_totals"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> {
                            String k = "stage|" + rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|"
                                    + rs.getString(4) + "|";
                            put(out, k + "reached", rs.getLong(5));
                            put(out, k + "left", rs.getLong(6));
                            return null;
                        })
                        .list();
                h.createQuery("SELECT journey_id, version, community_id, stage, outcome, barrier, people"
                                + " FROM stage_exits WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(
                                out,
                                "exit|" + rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|"
                                        + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6),
                                rs.getLong(7)))
                        .list();
                h.createQuery("SELECT journey_id, version, community_id, stage, bucket, people FROM stage_durations"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(
                                out,
                                "duration|" + rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|"
                                        + rs.getString(4) + "|" + rs.getInt(5),
                                rs.getLong(6)))
                        .list();
                h.createQuery("SELECT journey_id, community_id, step, variant, entered FROM split_totals"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(
                                out,
                                "split|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                                        + rs.getString(4),
                                rs.getLong(5)))
                        .list();
                h.createQuery("SELECT from_journey, to_journey, community_id, handed FROM handoff_totals"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(
                                out,
                                "handoff|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                                rs.getLong(4)))
                        .list();
                h.createQuery("SELECT community_id, day, metric, amount FROM community_days WHERE tenant_id = :t"
                                + " AND metric LIKE 'event:%'")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(
                                out,
                                "day|" + rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3),
                                Math.round(rs.getDouble(4))))
                        .list();
                h.createQuery("SELECT community_id, contact_id, COUNT(*) FROM leads WHERE tenant_id = :t"
                                + " GROUP BY community_id, contact_id")
                        .bind("t", tenant)
                        .map((rs, ctx) -> put(out, "lead|" + rs.getString(1) + "|" + rs.getString(2), rs.getLong(3)))
                        .list();
                return null;
            });
            return out;
        }

        /** Zero counters are absent, as they are from a recount. */
        private static Object put(Map<String, String> out, String key, long n) {
            if (n != 0) {
                out.put(key, Long.toString(n));
            }
            return key;
        }
    }

    /** The figures recomputed from the facts table and the event log. */
    record Recount(long facts, Map<String, String> totals) {
        static Recount of(Store store, String tenant) {
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Double> values = new TreeMap<>();
            List<Object[]> facts = store.read(h -> h.createQuery(
                            "SELECT journey_id, version, COALESCE(community_id, ''), kind, COALESCE(stage, ''),"
                                    + " COALESCE(step, ''), detail, at FROM facts WHERE tenant_id = :t")
                    .bind("t", tenant)
                    .map((rs, ctx) -> new Object[] {
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        StateJson.read(rs.getString(7), Map.class),
                        rs.getLong(8)
                    })
                    .list());
            for (Object[] f : facts) {
                String j = (String) f[0];
                String v = f[1].toString();
                String c = (String) f[2];
                String stage = (String) f[4];
                Map<?, ?> d = (Map<?, ?>) f[6];
                switch ((String) f[3]) {
                    case "entered" -> counts.merge("journey|" + j + "|" + c + "|entered", 1L, Long::sum);
                    case "not_entered" -> counts.merge("journey|" + j + "|" + c + "|not_entered", 1L, Long::sum);
                    case "goal" -> {
                        counts.merge("journey|" + j + "|" + c + "|goals", 1L, Long::sum);
                        double value = d.get("value") instanceof Number n ? n.doubleValue() : 0;
                        values.merge("journey|" + j + "|" + c + "|goal_value", value, Double::sum);
                    }
                    case "completed", "ended", "cancelled", "failed", "exited" ->
                        counts.merge("journey|" + j + "|" + c + "|finished", 1L, Long::sum);
                    case "stage_entered" ->
                        counts.merge("stage|" + j + "|" + v + "|" + c + "|" + stage + "|reached", 1L, Long::sum);
                    case "stage_left" -> {
                        counts.merge("stage|" + j + "|" + v + "|" + c + "|" + stage + "|left", 1L, Long::sum);
                        Object barrier = d.get("barrier") == null ? "" : d.get("barrier");
                        counts.merge(
                                "exit|" + j + "|" + v + "|" + c + "|" + stage + "|" + d.get("outcome") + "|" + barrier,
                                1L,
                                Long::sum);
                        long seconds = ((Number) d.get("seconds")).longValue();
                        counts.merge(
                                "duration|" + j + "|" + v + "|" + c + "|" + stage + "|"
                                        + DurationBuckets.bucket(seconds),
                                1L,
                                Long::sum);
                    }
                    case "split" ->
                        counts.merge("split|" + j + "|" + c + "|" + f[5] + "|" + d.get("variant"), 1L, Long::sum);
                    case "handoff" -> counts.merge("handoff|" + j + "|" + d.get("to") + "|" + c, 1L, Long::sum);
                    default -> {}
                }
            }
            List<Event> events = store.read(h -> h.createQuery("SELECT body FROM event_log WHERE tenant_id = :t"
                            + " AND kind = 'event' AND contact_id IS NOT NULL")
                    .bind("t", tenant)
                    .map((rs, ctx) -> StateJson.read(rs.getString(1), Event.class))
                    .list());
            for (Event e : events) {
                String c = e.community().orElse("");
                long day = Rollups.epochDay(e.occurredAt());
                counts.merge("day|" + c + "|" + day + "|event:" + e.type(), 1L, Long::sum);
                if (Rollups.LEAD_EVENTS.contains(e.type())) {
                    counts.merge("lead|" + c + "|" + e.contact().orElseThrow(), 1L, Long::sum);
                }
            }
            Map<String, String> out = new TreeMap<>();
            counts.forEach((k, n) -> out.put(k, Long.toString(n)));
            values.forEach((k, n) -> out.put(k, String.format("%.2f", n)));
            return new Recount(facts.size(), out);
        }
    }
}
