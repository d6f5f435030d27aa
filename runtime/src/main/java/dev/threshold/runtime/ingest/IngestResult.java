package dev.threshold.runtime.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** What became of one submitted event. */
public sealed interface IngestResult {

    /** The event's idempotency key, as sent (empty when it had none). */
    String id();

    /** Appended and durable; it will be processed. */
    record Accepted(String id, String contact) implements IngestResult {}

    /** The tenant already sent an event with this key; nothing was changed. */
    record Duplicate(String id) implements IngestResult {
        public String message() {
            return "event '" + id + "' was already received; it is acknowledged and not applied again";
        }
    }

    /** Refused, with every problem found; nothing was stored. */
    record Rejected(String id, List<IngestProblem> problems) implements IngestResult {
        public Rejected {
            problems = List.copyOf(problems);
        }

        public String message() {
            return "event" + (id.isEmpty() ? "" : " '" + id + "'") + " rejected: "
                    + problems.stream().map(IngestProblem::toString).collect(Collectors.joining("; "));
        }
    }
}
