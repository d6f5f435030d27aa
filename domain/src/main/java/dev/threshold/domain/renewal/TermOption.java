package dev.threshold.domain.renewal;

import dev.threshold.domain.money.Money;
import java.math.BigDecimal;

/**
 * A lease term a renewal may be signed for, with what it costs relative to the base term: a 6-month term at
 * a $75 premium, a 15-month term at $15 less.
 *
 * @param premium added to the base renewal rent (negative for a discount)
 * @param premiumPercent added as a percentage of the base renewal rent, on top of {@code premium}
 */
public record TermOption(int months, Money premium, BigDecimal premiumPercent) {

    public TermOption {
        if (months < 1 || months > 36) {
            throw new IllegalArgumentException("a renewal term is 1 to 36 months, not " + months);
        }
    }

    public static TermOption of(int months) {
        return new TermOption(months, Money.ZERO, BigDecimal.ZERO);
    }

    public static TermOption of(int months, Money premium) {
        return new TermOption(months, premium, BigDecimal.ZERO);
    }

    /** The premium on a base rent. */
    public Money premiumOn(Money base) {
        return premium.plus(base.percent(premiumPercent));
    }
}
