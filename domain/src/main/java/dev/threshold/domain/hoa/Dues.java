package dev.threshold.domain.hoa;

import dev.threshold.domain.money.Money;
import java.time.LocalDate;

/** What an HOA member owes and when: {@code $185 monthly, next due 2027-04-01}. */
public record Dues(Money amount, Frequency frequency, LocalDate nextDueOn) {

    /** How often dues are charged. */
    public enum Frequency {
        MONTHLY,
        QUARTERLY,
        ANNUAL
    }

    /** The due date after {@code day}. */
    public LocalDate dueAfter(LocalDate day) {
        LocalDate d = nextDueOn;
        while (!d.isAfter(day)) {
            d = switch (frequency) {
                case MONTHLY -> d.plusMonths(1);
                case QUARTERLY -> d.plusMonths(3);
                case ANNUAL -> d.plusYears(1);
            };
        }
        return d;
    }
}
