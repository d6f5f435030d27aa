package dev.threshold.domain.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A maintenance request: what broke, how urgent, what we promised and whether we kept it.
 *
 * @param category {@code plumbing}, {@code appliance}, {@code hvac}, {@code electrical}, {@code pest},
 *     {@code doors-locks}, {@code general}
 * @param promisedFor the day we told the resident it would be fixed by
 */
public record WorkOrder(
        String id,
        String community,
        String unit,
        String contact,
        String category,
        Priority priority,
        Status status,
        Instant createdAt,
        LocalDate promisedFor,
        Optional<Instant> completedAt) {

    /** How urgent. */
    public enum Priority {
        EMERGENCY,
        URGENT,
        ROUTINE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where it stands. */
    public enum Status {
        OPEN,
        SCHEDULED,
        ON_HOLD,
        COMPLETED,
        CANCELLED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean closed() {
            return this == COMPLETED || this == CANCELLED;
        }
    }

    /** Open past its promise date. */
    public boolean overdueOn(LocalDate today) {
        return !status.closed() && today.isAfter(promisedFor);
    }
}
