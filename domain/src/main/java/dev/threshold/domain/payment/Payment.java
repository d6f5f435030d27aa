package dev.threshold.domain.payment;

import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A rent payment: what was due when, and when it was paid.
 *
 * @param method {@code bank-account}, {@code card}, {@code check}, {@code money-order}, {@code cash}
 * @param online paid through the portal or autopay rather than at the office
 */
public record Payment(
        String id,
        String contact,
        String lease,
        Money amount,
        LocalDate dueOn,
        LocalDate paidOn,
        String method,
        boolean online) {

    /** Paid after the due date and its grace period. */
    public boolean lateAfter(int graceDays) {
        return paidOn.isAfter(dueOn.plusDays(graceDays));
    }

    /** The rent period, for reports: {@code 2027-03}. */
    public String period() {
        return dueOn.toString().substring(0, 7);
    }

    public Optional<String> leaseId() {
        return lease.isEmpty() ? Optional.empty() : Optional.of(lease);
    }
}
