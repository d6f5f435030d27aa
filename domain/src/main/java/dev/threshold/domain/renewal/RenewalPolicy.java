package dev.threshold.domain.renewal;

import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a community prices renewals: toward market rent, never up by more than the cap (in percent and in
 * dollars, whichever is lower, and never above a legal cap where one applies), with term options,
 * a concession for good standing, and its own notice period (the law's is applied too, whichever is longer).
 *
 * @param baseTermMonths the term the headline offer is for, usually 12; must be one of {@code terms}
 * @param noticeDays the community's own notice for an increase; the jurisdiction's applies when longer
 * @param roundTo renewal rents are rounded to a multiple of this (down, when rounding up would pass the cap)
 * @param allowDecrease whether a rent above market comes down to market, or is held
 */
public record RenewalPolicy(
        BigDecimal capPercent,
        Optional<Money> capAmount,
        Optional<BigDecimal> legalCapPercent,
        int baseTermMonths,
        List<TermOption> terms,
        Optional<GoodStanding> goodStanding,
        int noticeDays,
        Money roundTo,
        boolean allowDecrease) {

    public RenewalPolicy {
        terms = terms.stream()
                .sorted(Comparator.comparingInt(TermOption::months))
                .toList();
        if (capPercent.signum() < 0) {
            throw new IllegalArgumentException("a renewal cap cannot be negative");
        }
        if (capAmount.map(Money::isNegative).orElse(false)) {
            throw new IllegalArgumentException("a renewal cap cannot be negative");
        }
        if (terms.stream().noneMatch(t -> t.months() == baseTermMonths)) {
            throw new IllegalArgumentException(
                    "the base term of " + baseTermMonths + " months is not among the term options "
                            + terms.stream().map(TermOption::months).toList());
        }
        if (noticeDays < 0) {
            throw new IllegalArgumentException("a notice period cannot be negative");
        }
    }

    /** A common policy: up to 5% or $150, 12 months, 6 months at +$75, 60 days' notice, $5 rounding. */
    public static RenewalPolicy standard() {
        return new RenewalPolicy(
                BigDecimal.valueOf(5),
                Optional.of(Money.dollars(150)),
                Optional.empty(),
                12,
                List.of(TermOption.of(6, Money.dollars(75)), TermOption.of(12), TermOption.of(15, Money.dollars(-15))),
                Optional.of(new GoodStanding(12, 0, 5, Money.dollars(20), Money.ZERO)),
                60,
                Money.dollars(5),
                false);
    }

    /** The largest increase allowed on a current rent: the lowest of the caps. */
    public Money maxIncrease(Money current) {
        Money cap = current.percent(capPercent);
        if (capAmount.isPresent()) {
            cap = Money.min(cap, capAmount.get());
        }
        if (legalCapPercent.isPresent()) {
            cap = Money.min(cap, current.percent(legalCapPercent.get()));
        }
        return cap;
    }
}
