package dev.threshold.domain.leasing;

import java.time.Instant;
import java.util.Optional;

/**
 * A person's interest in one community, with its own prospect status: a renter who inquires at three
 * communities has three interests and is still one contact.
 *
 * @param source where the interest came from: {@code website}, {@code ils}, {@code phone}, {@code walk-in},
 *     {@code referral}, {@code other}
 * @param ils the listing site, when source is {@code ils}
 */
public record Interest(
        String contact,
        String community,
        ProspectStatus status,
        String source,
        Optional<String> ils,
        Instant firstContactAt,
        Instant lastActivityAt) {

    public Interest withStatus(ProspectStatus newStatus, Instant at) {
        return new Interest(
                contact,
                community,
                newStatus,
                source,
                ils,
                firstContactAt,
                at.isAfter(lastActivityAt) ? at : lastActivityAt);
    }
}
