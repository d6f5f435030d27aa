package dev.threshold.server.dashboard.contact;

import dev.threshold.engine.core.StateJson;
import dev.threshold.server.api.contacts.ContactQueries;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One line of a contact's timeline in words: what kind of thing it is (an event in, a journey's fact, a message's
 * fate), when, and a sentence.
 */
public record TimelineLine(String kind, String css, String at, String text) {
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static TimelineLine of(ContactQueries.Line l) {
        String at = AT.format(l.at());
        return switch (l.source()) {
            case "input" -> new TimelineLine("event", "input", at, "Event " + l.what() + " received (" + l.ref() + ")");
            case "fact" -> fact(l, at);
            default ->
                new TimelineLine(
                        "message",
                        "message " + l.what(),
                        at,
                        "Message " + l.what() + (l.stage().isEmpty() ? "" : " by " + l.stage()) + ": " + l.detail()
                                + " (" + l.ref() + ")");
        };
    }

    private static TimelineLine fact(ContactQueries.Line l, String at) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = StateJson.read(l.detail(), Map.class);
        String journey = l.ref();
        String text = switch (l.what()) {
            case "entered" -> "Entered " + journey + " on " + d.getOrDefault("trigger", "an event");
            case "not_entered" -> "Did not enter " + journey + ": " + d.getOrDefault("reason", "no reason recorded");
            case "entry_planned" -> "Entry into " + journey + " planned for " + d.getOrDefault("due", "later");
            case "stage_entered" -> "Reached stage " + l.stage() + " of " + journey;
            case "stage_left" ->
                "Left stage " + l.stage() + " of " + journey + " (" + d.getOrDefault("outcome", "")
                        + (d.containsKey("barrier") ? ", barrier: " + d.get("barrier") : "") + ")";
            case "goal" ->
                "Reached the goal of " + journey + (d.containsKey("value") ? " worth " + d.get("value") : "");
            case "handoff" -> "Handed from " + journey + " to " + d.getOrDefault("to", "another journey");
            case "task_escalated" -> "Task of " + journey + " escalated: " + d;
            case "split" -> "Assigned variant " + d.get("variant") + " in " + journey;
            default -> journey + ": " + l.what().replace('_', ' ') + (d.isEmpty() ? "" : " " + d);
        };
        String kind = l.what().startsWith("task") ? "task" : l.what().equals("goal") ? "goal" : "journey";
        return new TimelineLine(kind, "fact " + l.what(), at, text);
    }
}
