package dev.threshold.server.dashboard.simulate;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.sim.SimLine;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation expects to happen in its period, counted from the simulator's lines: messages per channel and
 * template (with a few as the recipient would read them), deferrals and skips by reason, tasks per role, and per
 * journey and stage how many entered, left, left for each barrier and reached the goal. Only lines at or after the
 * period's start count; the history replayed before it only puts people where they are when it starts.
 */
public record SimulationReport(
        String source,
        Instant from,
        Instant until,
        int people,
        long entered,
        long goals,
        List<MessageRow> messages,
        List<ReasonRow> deferred,
        List<ReasonRow> skipped,
        List<TaskRow> tasks,
        List<JourneyFlow> journeys) {

    /** How many examples of each template the page shows. */
    static final int EXAMPLES = 2;

    /** Messages sent on a channel from one template (journey/step/channel). */
    public record MessageRow(String channel, String template, String journey, long count, List<Example> examples) {}

    /** A message as its recipient reads it, at their local time. */
    public record Example(String to, String localTime, String subject, String body) {}

    /** Messages deferred or skipped for one reason. */
    public record ReasonRow(String kind, String reason, long count) {}

    /** Tasks created for a role, and escalations to it. */
    public record TaskRow(String role, long created, long escalated) {}

    /** A journey's expected flow. */
    public record JourneyFlow(String journey, long entered, long goals, List<StageFlow> stages) {}

    /** A stage's expected flow: entered, left (moved on or left the journey), reached the goal, barriers. */
    public record StageFlow(String stage, long entered, long left, long goal, Map<String, Long> barriers) {}

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    /** Counts the lines of a run over a portfolio, from {@code from} on. */
    public static SimulationReport of(SimulatedPortfolio portfolio, List<SimLine> lines, Instant from, Instant until) {
        Map<String, ContactView> people = new HashMap<>();
        portfolio.contacts().forEach(c -> people.put(c.id(), c));
        Map<String, MessageRow> messages = new LinkedHashMap<>();
        Map<String, long[]> reasons = new TreeMap<>();
        Map<String, long[]> tasks = new TreeMap<>();
        Map<String, Map<String, long[]>> stages = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> barriers = new HashMap<>();
        Map<String, long[]> journeys = new TreeMap<>();
        Map<String, String> current = new HashMap<>();
        long entered = 0;
        long goals = 0;
        for (SimLine l : lines) {
            boolean in = !l.at().isBefore(from);
            String who = l.contact() + "\u0000" + l.journey();
            switch (l.type()) {
                case "entered" -> {
                    current.remove(who);
                    if (in) {
                        entered++;
                        journeys.computeIfAbsent(l.journey(), k -> new long[2])[0]++;
                    }
                }
                case "stage" -> {
                    String stage = String.valueOf(l.fields().get("stage"));
                    String was = current.put(who, stage);
                    if (in) {
                        if (was != null) {
                            stage(stages, l.journey(), was)[1]++;
                        }
                        stage(stages, l.journey(), stage)[0]++;
                    }
                }
                case "goal" -> {
                    if (in) {
                        goals++;
                        journeys.computeIfAbsent(l.journey(), k -> new long[2])[1]++;
                        String stage = current.get(who);
                        if (stage != null) {
                            stage(stages, l.journey(), stage)[2]++;
                        }
                    }
                }
                case "exit" -> {
                    String was = current.remove(who);
                    Object at = l.fields().get("stage");
                    String stage = at != null ? at.toString() : was;
                    if (in && stage != null) {
                        stage(stages, l.journey(), stage)[1]++;
                        Object barrier = l.fields().get("barrier");
                        if (barrier != null) {
                            barriers.computeIfAbsent(l.journey(), k -> new HashMap<>())
                                    .computeIfAbsent(stage, k -> new TreeMap<>())
                                    .merge(barrier.toString(), 1L, Long::sum);
                        }
                    }
                }
                case "message" -> {
                    if (in) {
                        message(messages, l, people);
                    }
                }
                case "deferred", "skipped" -> {
                    if (in) {
                        reasons.computeIfAbsent(l.type() + "\u0000" + l.fields().get("reason"), k -> new long[1])[0]++;
                    }
                }
                case "task", "escalated" -> {
                    if (in) {
                        long[] t =
                                tasks.computeIfAbsent(String.valueOf(l.fields().get("role")), k -> new long[2]);
                        t[l.type().equals("task") ? 0 : 1]++;
                    }
                }
                default -> {}
            }
        }
        List<ReasonRow> deferred = new ArrayList<>();
        List<ReasonRow> skipped = new ArrayList<>();
        reasons.forEach((k, v) -> {
            String[] p = k.split("\u0000", 2);
            (p[0].equals("deferred") ? deferred : skipped).add(new ReasonRow(p[0], p[1], v[0]));
        });
        deferred.sort(Comparator.comparingLong(ReasonRow::count).reversed());
        skipped.sort(Comparator.comparingLong(ReasonRow::count).reversed());
        List<TaskRow> taskRows = new ArrayList<>();
        tasks.forEach((role, t) -> taskRows.add(new TaskRow(role, t[0], t[1])));
        List<JourneyFlow> flows = new ArrayList<>();
        Map<String, long[]> all = new TreeMap<>(journeys);
        stages.keySet().forEach(j -> all.putIfAbsent(j, new long[2]));
        all.forEach((j, t) -> {
            List<StageFlow> rows = new ArrayList<>();
            stages.getOrDefault(j, Map.of())
                    .forEach((s, c) -> rows.add(new StageFlow(
                            s,
                            c[0],
                            c[1],
                            c[2],
                            barriers.getOrDefault(j, Map.of()).getOrDefault(s, Map.of()))));
            flows.add(new JourneyFlow(j, t[0], t[1], rows));
        });
        List<MessageRow> messageRows = new ArrayList<>(messages.values());
        messageRows.sort(Comparator.comparing(MessageRow::channel).thenComparing(MessageRow::template));
        return new SimulationReport(
                portfolio.source(),
                from,
                until,
                portfolio.contacts().size(),
                entered,
                goals,
                messageRows,
                deferred,
                skipped,
                taskRows,
                flows);
    }

    private static long[] stage(Map<String, Map<String, long[]>> stages, String journey, String stage) {
        return stages.computeIfAbsent(journey, k -> new LinkedHashMap<>()).computeIfAbsent(stage, k -> new long[3]);
    }

    private static void message(Map<String, MessageRow> messages, SimLine l, Map<String, ContactView> people) {
        String channel = String.valueOf(l.fields().get("channel"));
        String template = String.valueOf(l.fields().get("template"));
        MessageRow row = messages.get(template);
        List<Example> examples = row == null ? new ArrayList<>() : row.examples();
        if (examples.size() < EXAMPLES) {
            Object staff = l.fields().get("to_staff");
            String to = staff != null
                    ? "staff: " + staff
                    : people.containsKey(l.contact())
                            ? (people.get(l.contact()).firstName() + " "
                                            + people.get(l.contact()).lastName())
                                    .strip()
                            : l.contact();
            examples.add(new Example(
                    to,
                    LOCAL.format(l.at().atZone(l.zone())) + " (" + l.zone().getId() + ")",
                    l.fields().containsKey("subject")
                            ? String.valueOf(l.fields().get("subject"))
                            : "",
                    String.valueOf(l.fields().getOrDefault("body", ""))));
        }
        messages.put(
                template, new MessageRow(channel, template, l.journey(), row == null ? 1 : row.count() + 1, examples));
    }

    /** Messages sent in the period, over every template. */
    public long messageCount() {
        return messages.stream().mapToLong(MessageRow::count).sum();
    }

    /** Tasks created in the period, over every role. */
    public long taskCount() {
        return tasks.stream().mapToLong(TaskRow::created).sum();
    }
}
