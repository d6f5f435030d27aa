package dev.threshold.domain.hoa;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A homeowner's membership of an association the tenant manages.
 *
 * @param association the community id of the association
 * @param lot the lot or unit they own
 */
public record HoaMembership(
        String contact, String association, String lot, LocalDate since, Dues dues, Optional<LocalDate> until) {}
