package dev.threshold.server.dashboard.library;

import dev.threshold.server.dashboard.Communities;
import java.util.List;

/**
 * The journey library page: the journeys by category, each with its promise, people active, goal conversion and
 * its switch per community.
 */
public record LibraryView(List<Category> categories, List<Communities.Shown> communities, String notice) {
    public LibraryView {
        categories = List.copyOf(categories);
        communities = List.copyOf(communities);
    }

    /** A category of the catalogue and its journeys. */
    public record Category(String id, String name, List<Row> journeys) {
        public Category {
            journeys = List.copyOf(journeys);
        }
    }

    /** One journey's line. */
    public record Row(
            String id,
            String name,
            String promise,
            long active,
            long entered,
            long goals,
            String conversion,
            List<Switch> switches) {
        public Row {
            switches = List.copyOf(switches);
        }
    }

    /** A journey's state at one community; {@code community} is empty for the tenant-wide default. */
    public record Switch(String community, String label, boolean on) {}
}
