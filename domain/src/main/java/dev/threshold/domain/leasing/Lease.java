package dev.threshold.domain.leasing;

import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A lease of a unit: who lives there, from when to when, at what rent.
 *
 * @param residents the contacts on the lease, the primary leaseholder first
 * @param end the last day, inclusive
 * @param signedOn when it was signed, for referral attribution and reporting
 * @param noticeOn when the residents gave notice to leave, if they did
 */
public record Lease(
        String id,
        String community,
        String unit,
        List<String> residents,
        LocalDate start,
        LocalDate end,
        Money rent,
        LocalDate signedOn,
        Kind kind,
        Optional<LocalDate> noticeOn) {

    /** How the lease came about. */
    public enum Kind {
        NEW,
        RENEWAL,
        TRANSFER
    }

    public Lease {
        residents = List.copyOf(residents);
        if (residents.isEmpty()) {
            throw new IllegalArgumentException("lease " + id + " has no resident");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("lease " + id + " ends (" + end + ") before it starts (" + start + ")");
        }
        if (!rent.isPositive()) {
            throw new IllegalArgumentException("lease " + id + ": rent must be positive, not " + rent.text());
        }
    }

    public String primary() {
        return residents.get(0);
    }

    /** Whole months from start to end (a lease from June 1 to May 31 is 12). */
    public int termMonths() {
        return (int) ChronoUnit.MONTHS.between(start, end.plusDays(1));
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public Lease withNotice(LocalDate on) {
        return new Lease(id, community, unit, residents, start, end, rent, signedOn, kind, Optional.of(on));
    }
}
