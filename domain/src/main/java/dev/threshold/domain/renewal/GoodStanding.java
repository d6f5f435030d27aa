package dev.threshold.domain.renewal;

import dev.threshold.domain.money.Money;

/**
 * The concession a resident in good standing earns on renewal: at most {@code lateAllowed} late payments
 * (after {@code graceDays}) over the last {@code lookbackMonths}.
 *
 * @param monthlyDiscount taken off every month's renewal rent
 * @param oneTimeCredit credited once on signing
 */
public record GoodStanding(
        int lookbackMonths, int lateAllowed, int graceDays, Money monthlyDiscount, Money oneTimeCredit) {

    public GoodStanding {
        if (lookbackMonths < 1 || lateAllowed < 0 || graceDays < 0) {
            throw new IllegalArgumentException(
                    "good standing needs a lookback of at least a month and non-negative allowances");
        }
        if (monthlyDiscount.isNegative() || oneTimeCredit.isNegative()) {
            throw new IllegalArgumentException("a concession cannot be negative");
        }
    }
}
