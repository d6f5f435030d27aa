package dev.threshold.server.dashboard.journey;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Stage;
import dev.threshold.server.dashboard.Communities;
import java.util.List;

/**
 * A journey's page: its flow, its live map (a {@link StageLine} per stage), conversion over time, per community
 * and per A/B variant.
 *
 * @param community the community the numbers are for, or empty for every one the key sees
 * @param graphJson the flow graph for Cytoscape, as JSON safe to put in a script element
 * @param chartJson entered and goals per day for uPlot, as JSON safe to put in a script element
 */
public record JourneyView(
        Journey journey,
        String community,
        List<Communities.Shown> communities,
        List<StageLine> stages,
        List<Edge> edges,
        String graphJson,
        String chartJson,
        List<Week> weeks,
        List<Group> byCommunity,
        List<Group> variants) {

    /** A stage of the map with its numbers. */
    public record StageLine(
            Stage stage,
            long reached,
            long now,
            String median,
            String p90,
            long movedOn,
            long goals,
            long left,
            List<Barrier> barriers) {}

    /** A barrier people left a stage for, and how many. */
    public record Barrier(String name, long people) {}

    /** A way from one step to another, as the graph draws it, for the table beside it. */
    public record Edge(String from, String to, String label) {}

    /** A week's entries and goals (days are UTC). */
    public record Week(String from, long entered, long goals, String conversion) {}

    /** Conversion of a group (a community, a split variant): people, goals, share and its 95% interval. */
    public record Group(String name, String detail, long entered, long goals, String conversion, String interval) {}
}
