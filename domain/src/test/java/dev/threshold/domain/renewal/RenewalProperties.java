package dev.threshold.domain.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.payment.Standing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of renewal pricing: the cap and the notice period hold for every term of every offer. */
class RenewalProperties {
    static final LocalDate LEASE_END = LocalDate.of(2027, 6, 30);

    final RenewalPricing pricing = new RenewalPricing();

    @Property(tries = 1000)
    void no_term_ever_exceeds_the_policy_cap(
            @ForAll("policies") RenewalPolicy policy,
            @ForAll @IntRange(min = 500, max = 6000) int currentRent,
            @ForAll @IntRange(min = 50, max = 180) int marketPercent,
            @ForAll @IntRange(min = -200, max = 30) int daysFromEnd,
            @ForAll("jurisdictions") String state,
            @ForAll @IntRange(min = 0, max = 3) int late) {
        RenewalOffer offer = price(policy, currentRent, marketPercent, daysFromEnd, state, late, 12);

        Money current = Money.dollars(currentRent);
        Money cap = current.times(policy.capPercent().divide(BigDecimal.valueOf(100)));
        if (policy.capAmount().isPresent()) {
            cap = Money.min(cap, policy.capAmount().get());
        }
        if (policy.legalCapPercent().isPresent()) {
            cap = Money.min(
                    cap,
                    Money.of(current.amount()
                            .multiply(policy.legalCapPercent().get())
                            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)));
        }
        for (RenewalOffer.Option o : offer.options()) {
            assertThat(o.rent().minus(current))
                    .as("%d-month term at %s on %s", o.termMonths(), o.rent(), current)
                    .isLessThanOrEqualTo(cap);
            assertThat(o.rent().isNegative()).isFalse();
        }
    }

    @Property(tries = 1000)
    void an_increase_never_takes_effect_before_its_notice_period_has_run(
            @ForAll("policies") RenewalPolicy policy,
            @ForAll @IntRange(min = 500, max = 6000) int currentRent,
            @ForAll @IntRange(min = 50, max = 180) int marketPercent,
            @ForAll @IntRange(min = -200, max = 30) int daysFromEnd,
            @ForAll("jurisdictions") String state,
            @ForAll @IntRange(min = 1, max = 60) int tenancyMonths) {
        RenewalOffer offer = price(policy, currentRent, marketPercent, daysFromEnd, state, 0, tenancyMonths);
        LocalDate today = LEASE_END.plusDays(daysFromEnd);

        for (RenewalOffer.Option o : offer.options()) {
            assertThat(o.rentEffectiveOn()).isAfterOrEqualTo(LEASE_END.plusDays(1));
            if (o.increase().isPositive()) {
                int required = Math.max(policy.noticeDays(), lawDays(state, o.increasePercent(), tenancyMonths));
                assertThat(o.rentEffectiveOn())
                        .as("%s: %s%% increase, %d months of tenancy", state, o.increasePercent(), tenancyMonths)
                        .isAfterOrEqualTo(today.plusDays(required));
            }
        }
    }

    /** The statutes, restated here independently of {@link NoticeRules}. */
    static int lawDays(String state, BigDecimal percent, int tenancyMonths) {
        return switch (state) {
            case "CA" -> percent.compareTo(BigDecimal.TEN) > 0 ? 90 : 30;
            case "OR" -> 90;
            case "CO" -> 60;
            case "NY" ->
                percent.compareTo(BigDecimal.valueOf(5)) < 0
                        ? 0
                        : tenancyMonths < 12 ? 30 : tenancyMonths < 24 ? 60 : 90;
            default -> 0;
        };
    }

    RenewalOffer price(
            RenewalPolicy policy, int rent, int marketPercent, int daysFromEnd, String state, int late, int tenancy) {
        Lease lease = new Lease(
                "L-1",
                "c",
                "u",
                List.of("R-1"),
                LEASE_END.minusMonths(12).plusDays(1),
                LEASE_END,
                Money.dollars(rent),
                LEASE_END.minusMonths(13),
                Lease.Kind.NEW,
                Optional.empty());
        LocalDate today = LEASE_END.plusDays(daysFromEnd);
        Money market = Money.dollars(rent).percent(BigDecimal.valueOf(marketPercent));
        return pricing.price(new RenewalPricing.Inputs(
                lease,
                state,
                NoticeRules.forJurisdiction(state.isEmpty() ? Optional.empty() : Optional.of(state)),
                policy,
                market,
                new Standing(today.minusMonths(12), today, 12, late),
                tenancy,
                today));
    }

    @Provide
    Arbitrary<String> jurisdictions() {
        return Arbitraries.of("CA", "OR", "CO", "NY", "TX", "AZ", "");
    }

    @Provide
    Arbitrary<RenewalPolicy> policies() {
        Arbitrary<TermOption> term = Combinators.combine(
                        Arbitraries.integers().between(1, 24),
                        Arbitraries.integers().between(-150, 250),
                        Arbitraries.integers().between(-5, 10))
                .as((months, premium, percent) ->
                        new TermOption(months, Money.dollars(premium), BigDecimal.valueOf(percent)));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 500).injectNull(0.3),
                        Arbitraries.integers().between(2, 12).injectNull(0.7),
                        term.list().ofMinSize(0).ofMaxSize(4).uniqueElements(TermOption::months),
                        Arbitraries.integers().between(0, 60).injectNull(0.3),
                        Arbitraries.integers().between(0, 120),
                        Arbitraries.of(1, 5, 10, 25),
                        Arbitraries.of(true, false))
                .as((cap, amount, legal, terms, discount, notice, round, decrease) -> {
                    List<TermOption> all = new java.util.ArrayList<>(terms);
                    if (all.stream().noneMatch(t -> t.months() == 12)) {
                        all.add(TermOption.of(12));
                    }
                    return new RenewalPolicy(
                            BigDecimal.valueOf(cap),
                            Optional.ofNullable(amount).map(Money::dollars),
                            Optional.ofNullable(legal).map(BigDecimal::valueOf),
                            12,
                            all,
                            Optional.ofNullable(discount)
                                    .map(d -> new GoodStanding(12, 0, 5, Money.dollars(d), Money.ZERO)),
                            notice,
                            Money.dollars(round),
                            decrease);
                });
    }
}
