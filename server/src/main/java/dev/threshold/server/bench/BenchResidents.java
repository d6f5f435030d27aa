package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The people and events of the throughput benchmarks and the cluster test: residents of one community who read
 * email, and the maintenance ratings they send (10 waits two hours for a review request; 8 is thanked at once).
 */
public final class BenchResidents {
    public static final String COMMUNITY = "cedar-ridge";

    private BenchResidents() {}

    /** Resident {@code n}, with id {@code id}, reachable by email for {@code purposes}. */
    public static ContactView resident(String id, int n, ZoneId zone, Set<Purpose> purposes) {
        return new ContactView(
                id,
                Set.of("resident"),
                "Resident",
                String.valueOf(n),
                Optional.of(zone),
                "en",
                Optional.of(COMMUNITY),
                Optional.empty(),
                Map.of(Channel.EMAIL, "r" + n + "@example.com"),
                Map.of(Channel.EMAIL, purposes),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    /** A maintenance rating of the community, as an integrator would post it. */
    public static ObjectNode rating(String eventId, String contact, int score, Instant at) {
        ObjectNode e = StateJson.mapper().createObjectNode();
        e.put("id", eventId);
        e.put("type", "feedback.submitted");
        e.put("occurred_at", at.toString());
        e.putObject("contact").put("id", contact);
        e.put("community", COMMUNITY);
        e.putObject("data").put("score", score).put("topic", "maintenance");
        return e;
    }

    /** A TCP port free at the moment, for a server started next. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
