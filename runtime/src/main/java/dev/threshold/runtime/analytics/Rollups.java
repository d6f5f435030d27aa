package dev.threshold.runtime.analytics;

import dev.threshold.engine.core.Fact;
import dev.threshold.engine.event.Event;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's running totals (migration V7), added up over one batch of inputs in memory and written with one
 * upsert per table in the batch's transaction, beside the facts they count: a page then reads totals instead of
 * facts. What each table means is said in the migration; how the dashboard's figures use them, in
 * docs/dashboard.md.
 */
public final class Rollups {
    /** Events that are a lead: speed to lead counts from them. */
    public static final Set<String> LEAD_EVENTS = Set.of("lead.created", "form.submitted");

    private static final String SEP = "\u0000";

    private final Partitions partitions;
    private final Map<String, Object[]> journeyTotals = new LinkedHashMap<>();
    private final Map<String, Object[]> journeyDays = new LinkedHashMap<>();
    private final Map<String, Object[]> stageTotals = new LinkedHashMap<>();
    private final Map<String, Object[]> stageExits = new LinkedHashMap<>();
    private final Map<String, Object[]> stageDurations = new LinkedHashMap<>();
    private final Map<String, Object[]> splits = new LinkedHashMap<>();
    private final Map<String, Object[]> splitGoals = new LinkedHashMap<>();
    private final Map<String, Object[]> handoffs = new LinkedHashMap<>();
    private final Map<String, Object[]> communityDays = new LinkedHashMap<>();
    private final Map<String, Object[]> communityBlocks = new LinkedHashMap<>();
    private final Map<String, Object[]> leads = new LinkedHashMap<>();

    public Rollups(Partitions partitions) {
        this.partitions = partitions;
    }

    /** Counts a fact a journey recorded. */
    public void fact(String tenant, Fact f) {
        String community = f.community().orElse("");
        switch (f.kind()) {
            case ENTERED -> {
                add(journey(tenant, f.journey(), community), 3, 1);
                add(day(tenant, f.journey(), community, f.at()), 4, 1);
            }
            case NOT_ENTERED -> add(journey(tenant, f.journey(), community), 4, 1);
            case GOAL -> goal(tenant, f, community);
            case COMPLETED, ENDED, CANCELLED, FAILED, EXITED -> add(journey(tenant, f.journey(), community), 7, 1);
            case STAGE_ENTERED -> f.stage().ifPresent(s -> add(stage(tenant, f, community, s), 5, 1));
            case STAGE_LEFT -> f.stage().ifPresent(s -> stageLeft(tenant, f, community, s));
            case SPLIT ->
                f.text("variant")
                        .ifPresent(v -> add(
                                splits.computeIfAbsent(
                                        key(
                                                tenant,
                                                f.journey(),
                                                community,
                                                f.step().orElse(""),
                                                v),
                                        k -> new Object[] {
                                            tenant,
                                            f.journey(),
                                            community,
                                            f.step().orElse(""),
                                            v,
                                            0L
                                        }),
                                5,
                                1));
            case HANDOFF ->
                f.text("to")
                        .ifPresent(to -> add(
                                handoffs.computeIfAbsent(key(tenant, f.journey(), to, community), k ->
                                        new Object[] {tenant, f.journey(), to, community, 0L}),
                                4,
                                1));
            default -> {
                // steps, pauses, take-overs, escalations, migrations: not part of the dashboard's totals
            }
        }
    }

    /** Counts an event processed for a contact: by type per community and day, and as a lead when it is one. */
    public void event(String tenant, Event e) {
        String community = e.community().orElse("");
        count(tenant, community, e.occurredAt(), "event:" + e.type(), 1);
        if (e.type().equals("feedback.submitted") && e.data().get("score") instanceof Number n) {
            double score = n.doubleValue();
            String band = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
            count(tenant, community, e.occurredAt(), "nps:" + band, 1);
        }
        if (LEAD_EVENTS.contains(e.type()) && e.contact().isPresent()) {
            String contact = e.contact().get();
            leads.putIfAbsent(key(tenant, e.id()), new Object[] {
                tenant,
                e.id(),
                community,
                contact,
                partitions.of(tenant, contact),
                e.occurredAt().toEpochMilli()
            });
        }
    }

    private void goal(String tenant, Fact f, String community) {
        double value = f.detail().get("value") instanceof Number n ? n.doubleValue() : 0.0;
        Object[] total = journey(tenant, f.journey(), community);
        add(total, 5, 1);
        total[6] = (Double) total[6] + value;
        Object[] day = day(tenant, f.journey(), community, f.at());
        add(day, 5, 1);
        day[6] = (Double) day[6] + value;
        count(tenant, community, f.at(), "goals", 1);
        if (value != 0.0) {
            count(tenant, community, f.at(), "goal_value", value);
        }
        f.text("variant")
                .ifPresent(v -> add(
                        splitGoals.computeIfAbsent(key(tenant, f.journey(), community, v), k ->
                                new Object[] {0L, tenant, f.journey(), community, v}),
                        0,
                        1));
    }

    private void stageLeft(String tenant, Fact f, String community, String stage) {
        add(stage(tenant, f, community, stage), 6, 1);
        String outcome = f.text("outcome").orElse("unknown");
        String barrier = f.text("barrier").orElse("");
        add(
                stageExits.computeIfAbsent(
                        key(tenant, f.journey(), f.version() + "", community, stage, outcome, barrier),
                        k -> new Object[] {tenant, f.journey(), f.version(), community, stage, outcome, barrier, 0L}),
                7,
                1);
        long seconds = f.detail().get("seconds") instanceof Number n ? n.longValue() : 0L;
        int bucket = DurationBuckets.bucket(seconds);
        add(
                stageDurations.computeIfAbsent(
                        key(tenant, f.journey(), f.version() + "", community, stage, bucket + ""),
                        k -> new Object[] {tenant, f.journey(), f.version(), community, stage, bucket, 0L}),
                6,
                1);
    }

    private Object[] journey(String tenant, String journey, String community) {
        return journeyTotals.computeIfAbsent(
                key(tenant, journey, community), k -> new Object[] {tenant, journey, community, 0L, 0L, 0L, 0.0, 0L});
    }

    private Object[] day(String tenant, String journey, String community, Instant at) {
        int day = epochDay(at);
        return journeyDays.computeIfAbsent(key(tenant, journey, community, day + ""), k ->
                new Object[] {tenant, journey, community, day, 0L, 0L, 0.0});
    }

    private Object[] stage(String tenant, Fact f, String community, String stage) {
        return stageTotals.computeIfAbsent(key(tenant, f.journey(), f.version() + "", community, stage), k ->
                new Object[] {tenant, f.journey(), f.version(), community, stage, 0L, 0L});
    }

    private void count(String tenant, String community, Instant at, String metric, double amount) {
        int day = epochDay(at);
        Object[] row = communityDays.computeIfAbsent(
                key(tenant, community, day + "", metric), k -> new Object[] {tenant, community, day, metric, 0.0});
        row[4] = (Double) row[4] + amount;
        int block = day / BLOCK_DAYS;
        Object[] b = communityBlocks.computeIfAbsent(
                key(tenant, community, block + "", metric), k -> new Object[] {tenant, community, block, metric, 0.0});
        b[4] = (Double) b[4] + amount;
    }

    /** Days in a block of {@code community_blocks}: block b holds days 30b to 30b + 29 (V13). */
    public static final int BLOCK_DAYS = 30;

    /** The UTC day of a moment, as the rollups key days. */
    public static int epochDay(Instant at) {
        return (int) Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    private static void add(Object[] row, int column, long n) {
        row[column] = (Long) row[column] + n;
    }

    private static String key(String... parts) {
        return String.join(SEP, parts);
    }

    /** Writes the batch's totals, adding them to what is stored. */
    public void flush(Connection c) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO journey_totals (tenant_id, journey_id, community_id, entered, not_entered, goals,"
                        + " goal_value, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, journey_id, community_id) DO UPDATE SET"
                        + " entered = journey_totals.entered + excluded.entered,"
                        + " not_entered = journey_totals.not_entered + excluded.not_entered,"
                        + " goals = journey_totals.goals + excluded.goals,"
                        + " goal_value = journey_totals.goal_value + excluded.goal_value,"
                        + " finished = journey_totals.finished + excluded.finished",
                List.copyOf(journeyTotals.values()));
        Sql.batch(
                c,
                "INSERT INTO journey_days (tenant_id, journey_id, community_id, day, entered, goals, goal_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, journey_id, community_id, day)"
                        + " DO UPDATE SET entered = journey_days.entered + excluded.entered,"
                        + " goals = journey_days.goals + excluded.goals,"
                        + " goal_value = journey_days.goal_value + excluded.goal_value",
                List.copyOf(journeyDays.values()));
        Sql.batch(
                c,
                "INSERT INTO stage_totals (tenant_id, journey_id, version, community_id, stage, reached, left_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, journey_id, version, community_id, stage)"
                        + " DO UPDATE SET reached = stage_totals.reached + excluded.reached,"
                        + " left_count = stage_totals.left_count + excluded.left_count",
                List.copyOf(stageTotals.values()));
        Sql.batch(
                c,
                "INSERT INTO stage_exits (tenant_id, journey_id, version, community_id, stage, outcome, barrier,"
                        + " people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, journey_id, version, community_id, stage, outcome, barrier)"
                        + " DO UPDATE SET people = stage_exits.people + excluded.people",
                List.copyOf(stageExits.values()));
        Sql.batch(
                c,
                "INSERT INTO stage_durations (tenant_id, journey_id, version, community_id, stage, bucket, people)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, journey_id, version, community_id, stage, bucket)"
                        + " DO UPDATE SET people = stage_durations.people + excluded.people",
                List.copyOf(stageDurations.values()));
        Sql.batch(
                c,
                "INSERT INTO split_totals (tenant_id, journey_id, community_id, step, variant, entered, goals)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT (tenant_id, journey_id, community_id, step, variant)"
                        + " DO UPDATE SET entered = split_totals.entered + excluded.entered",
                List.copyOf(splits.values()));
        // after the inserts above, so that a split and its goal in the same batch both count
        Sql.batch(
                c,
                "UPDATE split_totals SET goals = goals + ? WHERE tenant_id = ? AND journey_id = ? AND community_id = ?"
                        + " AND variant = ?",
                List.copyOf(splitGoals.values()));
        Sql.batch(
                c,
                "INSERT INTO handoff_totals (tenant_id, from_journey, to_journey, community_id, handed)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, from_journey, to_journey, community_id)"
                        + " DO UPDATE SET handed = handoff_totals.handed + excluded.handed",
                List.copyOf(handoffs.values()));
        Sql.batch(
                c,
                "INSERT INTO community_days (tenant_id, community_id, day, metric, amount) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, community_id, day, metric)"
                        + " DO UPDATE SET amount = community_days.amount + excluded.amount",
                List.copyOf(communityDays.values()));
        Sql.batch(
                c,
                "INSERT INTO community_blocks (tenant_id, community_id, block, metric, amount) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, block, community_id, metric)"
                        + " DO UPDATE SET amount = community_blocks.amount + excluded.amount",
                List.copyOf(communityBlocks.values()));
        Sql.batch(
                c,
                "INSERT INTO leads (tenant_id, event_key, community_id, contact_id, partition, lead_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_key) DO NOTHING",
                List.copyOf(leads.values()));
    }
}
