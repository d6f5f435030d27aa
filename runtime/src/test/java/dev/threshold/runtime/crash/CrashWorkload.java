package dev.threshold.runtime.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StableHash;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The crash test's deterministic workload: residents of one community, each sending four events (a maintenance
 * rating, an amenities rating, a second maintenance rating, a signed renewal), and what must come of them
 * whatever the timing: which messages, under which keys.
 */
final class CrashWorkload {
    static final String TENANT = "crash";
    static final Instant START = Instant.parse("2027-03-01T15:00:00Z");
    static final int EVENTS_PER_CONTACT = 4;

    private CrashWorkload() {}

    static String contact(int i) {
        return String.format("R-%05d", i);
    }

    static int score(int i) {
        return StableHash.bucket("score/" + i, 11);
    }

    static CommunityView community() {
        return CommunityView.minimal("cedar-ridge", ZoneId.of("America/Denver"));
    }

    static ContactView resident(int i) {
        return new ContactView(
                contact(i),
                Set.of("resident"),
                "Resident",
                String.valueOf(i),
                Optional.of(ZoneId.of("America/Denver")),
                "en",
                Optional.of("cedar-ridge"),
                Optional.of("CO"),
                Map.of(Channel.EMAIL, "r" + i + "@example.com"),
                Map.of(Channel.EMAIL, Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING)),
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    /** Event number {@code n} of the feed, in feed order: every contact's first event, then every second... */
    static JsonNode event(int n, int contacts) {
        int round = n / contacts;
        int i = n % contacts;
        ObjectNode e = StateJson.mapper().createObjectNode();
        e.put("id", key(i, round));
        e.put("occurred_at", START.plusSeconds(n).toString());
        e.putObject("contact").put("id", contact(i));
        e.put("community", "cedar-ridge");
        ObjectNode data = e.putObject("data");
        switch (round) {
            case 0 -> {
                e.put("type", "feedback.submitted");
                data.put("score", score(i)).put("topic", "maintenance");
            }
            case 1 -> {
                e.put("type", "feedback.submitted");
                data.put("score", 5).put("topic", "amenities");
            }
            case 2 -> {
                e.put("type", "feedback.submitted");
                data.put("score", 3).put("topic", "maintenance");
            }
            default -> {
                e.put("type", "renewal.signed");
                data.put("term_months", 12);
            }
        }
        return e;
    }

    static String key(int contact, int round) {
        return "e-" + contact + "-" + round;
    }

    /** Every message key the run must deliver exactly once. */
    static Set<String> expectedMessages(int contacts) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < contacts; i++) {
            String c = contact(i);
            String nps = "nps-feedback-follow-up:" + c + ":" + c + ":1:";
            int s = score(i);
            out.add(nps + (s <= 6 ? "detractor-sorry" : s <= 8 ? "thanks" : "review-ask") + ":1");
            String referral = "referral-journey:" + c + ":" + c + ":1:";
            out.add(referral + "invite:1");
            out.add(referral + "remind:1");
        }
        return out;
    }

    static List<Integer> detractors(int contacts) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            if (score(i) <= 6) {
                out.add(i);
            }
        }
        return out;
    }
}
