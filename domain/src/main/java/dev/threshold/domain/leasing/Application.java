package dev.threshold.domain.leasing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rental application, with every party of it.
 *
 * @param parties contact id to role: {@code applicant}, {@code co-applicant}, {@code guarantor}
 * @param missing what keeps it from being complete: {@code documents}, {@code co-applicant}, {@code fee},
 *     {@code unit-choice}, {@code income}
 */
public record Application(
        String id,
        String community,
        Optional<String> unit,
        Map<String, String> parties,
        Status status,
        Instant startedAt,
        Optional<Instant> submittedAt,
        Set<String> missing) {

    /** Where the application stands. */
    public enum Status {
        STARTED,
        SUBMITTED,
        APPROVED,
        DENIED,
        WITHDRAWN
    }

    public Application {
        parties = Map.copyOf(parties);
        missing = Set.copyOf(missing);
    }
}
