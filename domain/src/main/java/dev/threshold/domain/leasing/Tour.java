package dev.threshold.domain.leasing;

import java.time.Instant;
import java.util.Optional;

/** A tour of a community, booked by a prospect. */
public record Tour(
        String id,
        String contact,
        String community,
        Instant startsAt,
        Kind kind,
        Status status,
        Optional<String> unit,
        Optional<String> agent) {

    /** How the tour is given. */
    public enum Kind {
        IN_PERSON,
        SELF_GUIDED,
        VIRTUAL
    }

    /** Where the tour stands. */
    public enum Status {
        BOOKED,
        COMPLETED,
        CANCELLED,
        NO_SHOW
    }
}
