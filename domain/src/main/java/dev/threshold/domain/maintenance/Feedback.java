package dev.threshold.domain.maintenance;

import java.time.Instant;
import java.util.Optional;

/**
 * A rating a resident gave (0 to 10, as in the Net Promoter Score), with its topic and their words.
 *
 * @param topic {@code maintenance}, {@code move-in}, {@code amenities}, {@code leasing}, {@code billing},
 *     {@code community}, {@code other}
 */
public record Feedback(
        String id,
        String contact,
        String community,
        Optional<String> workOrder,
        int score,
        String topic,
        String comment,
        Instant at) {

    /** The Net Promoter group of a score. */
    public enum Group {
        DETRACTOR,
        PASSIVE,
        PROMOTER
    }

    public Feedback {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("feedback " + id + ": a score is 0 to 10, not " + score);
        }
    }

    public Group group() {
        return score <= 6 ? Group.DETRACTOR : score <= 8 ? Group.PASSIVE : Group.PROMOTER;
    }
}
