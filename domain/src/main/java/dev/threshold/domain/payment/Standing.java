package dev.threshold.domain.payment;

import java.time.LocalDate;
import java.util.Collection;

/**
 * How a resident has paid over a recent window: the basis of a good-standing concession.
 *
 * @param payments payments due in the window
 * @param late those paid after the grace period
 */
public record Standing(LocalDate from, LocalDate to, int payments, int late) {

    /** The standing over the {@code months} before {@code today}, counting late as after {@code graceDays}. */
    public static Standing over(Collection<Payment> all, LocalDate today, int months, int graceDays) {
        LocalDate from = today.minusMonths(months);
        int count = 0;
        int late = 0;
        for (Payment p : all) {
            if (!p.dueOn().isBefore(from) && !p.dueOn().isAfter(today)) {
                count++;
                if (p.lateAfter(graceDays)) {
                    late++;
                }
            }
        }
        return new Standing(from, today, count, late);
    }

    public boolean good(int lateAllowed) {
        return late <= lateAllowed;
    }
}
