package dev.threshold.domain.renewal;

import dev.threshold.domain.action.Wording;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.payment.Standing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prices a renewal from a community's policy. The rules, which the property tests hold it to:
 *
 * <ul>
 *   <li>the rent moves toward market rent, never up by more than the policy's cap (percent, dollars and any
 *       legal cap, whichever is lowest), for every term;
 *   <li>a resident in good standing gets the policy's concession off every term;
 *   <li>an increase never takes effect before the notice it needs has run: the law's notice for that
 *       increase (by jurisdiction, size of increase and length of tenancy) or the policy's, whichever is
 *       longer, counted from the day the offer is made; when that is past the renewal start, the current
 *       rent continues until it has run.
 * </ul>
 */
public final class RenewalPricing {

    /** Everything a renewal price depends on. */
    public record Inputs(
            Lease lease,
            String jurisdictionName,
            Optional<NoticeRule> law,
            RenewalPolicy policy,
            Money marketRent,
            Standing standing,
            int tenancyMonths,
            LocalDate today) {}

    public RenewalOffer price(Inputs in) {
        Lease lease = in.lease();
        RenewalPolicy policy = in.policy();
        Money current = lease.rent();
        LocalDate start = lease.end().plusDays(1);
        List<String> why = new ArrayList<>();
        why.add("The current rent is " + current.text() + "; market rent for unit " + lease.unit() + " is "
                + in.marketRent().text() + ".");

        Money maxIncrease = policy.maxIncrease(current);
        Money maxRent = current.plus(maxIncrease);
        why.add(capSentence(policy, current, maxIncrease, maxRent));

        Money target = in.marketRent();
        if (target.isLessThan(current) && !policy.allowDecrease()) {
            target = current;
            why.add("Market rent is below the current rent and the policy holds rents rather than lowering them.");
        }
        Money base = round(Money.min(target, maxRent), policy.roundTo(), maxRent);

        boolean good = policy.goodStanding()
                .map(g -> in.standing().good(g.lateAllowed()))
                .orElse(false);
        Money concession = good ? policy.goodStanding().get().monthlyDiscount() : Money.ZERO;
        Money credit = good ? policy.goodStanding().get().oneTimeCredit() : Money.ZERO;
        policy.goodStanding().ifPresent(g -> why.add(standingSentence(g, in.standing(), good)));

        List<RenewalOffer.Option> options = new ArrayList<>();
        for (TermOption term : policy.terms()) {
            options.add(option(term, base, current, maxRent, concession, policy, in, start));
        }
        int baseNotice = options.stream()
                .filter(o -> o.termMonths() == policy.baseTermMonths())
                .findFirst()
                .orElseThrow()
                .noticeDays();
        LocalDate deadline = start.minusDays(Math.max(baseNotice, policy.noticeDays()));
        why.add(noticeSentence(in, policy, baseNotice, deadline));
        return new RenewalOffer(
                lease.id(),
                lease.community(),
                lease.unit(),
                current,
                in.marketRent(),
                lease.end(),
                start,
                maxIncrease,
                maxRent,
                in.law(),
                policy.noticeDays(),
                deadline,
                good,
                concession,
                credit,
                options,
                policy.baseTermMonths(),
                why);
    }

    private static RenewalOffer.Option option(
            TermOption term,
            Money base,
            Money current,
            Money maxRent,
            Money concession,
            RenewalPolicy policy,
            Inputs in,
            LocalDate start) {
        List<String> why = new ArrayList<>();
        Money premium = term.premiumOn(base);
        Money priced = round(base.plus(premium), policy.roundTo(), maxRent);
        String label = term.months() + " months: ";
        if (premium.cents() == 0) {
            why.add(label + base.text() + ".");
        } else {
            Money size = new Money(Math.abs(premium.cents()));
            why.add(label + base.text() + (premium.isNegative() ? " less " + size.text() : " plus " + size.text())
                    + " for this term = " + base.plus(premium).text() + ".");
        }
        if (priced.isGreaterThan(maxRent)) {
            priced = maxRent;
        }
        if (base.plus(premium).isGreaterThan(maxRent)) {
            why.add("Capped at " + maxRent.text() + ".");
        }
        Money rent = Money.max(Money.ZERO, priced.minus(concession));
        if (concession.isPositive()) {
            why.add("Less the " + concession.text() + " good-standing concession: " + rent.text() + ".");
        }
        Money increase = rent.minus(current);
        BigDecimal percent = increase.percentOf(current);
        int legal = in.law().map(l -> l.days(percent, in.tenancyMonths())).orElse(0);
        int notice = increase.isPositive() ? Math.max(legal, policy.noticeDays()) : 0;
        LocalDate earliest = in.today().plusDays(notice);
        LocalDate effective = earliest.isAfter(start) ? earliest : start;
        if (effective.isAfter(start)) {
            why.add("The increase needs " + Wording.days(notice) + " of notice: the new rent starts "
                    + Wording.day(effective, in.today()) + "; the current rent continues until then.");
        }
        return new RenewalOffer.Option(term.months(), rent, increase, percent, notice, effective, why);
    }

    /** Rounded to the policy's step, down when rounding up would pass the cap. */
    private static Money round(Money amount, Money step, Money maxRent) {
        Money nearest = amount.roundTo(step, false);
        return nearest.isGreaterThan(maxRent) ? amount.roundTo(step, true) : nearest;
    }

    private static String capSentence(RenewalPolicy policy, Money current, Money maxIncrease, Money maxRent) {
        List<String> caps = new ArrayList<>();
        caps.add(policy.capPercent().stripTrailingZeros().toPlainString() + "% ("
                + current.percent(policy.capPercent()).text() + ")");
        policy.capAmount().ifPresent(a -> caps.add(a.text()));
        policy.legalCapPercent()
                .ifPresent(l ->
                        caps.add("the legal cap of " + l.stripTrailingZeros().toPlainString() + "%"));
        return "The policy caps an increase at " + Wording.and(caps)
                + (caps.size() > 1 ? ", whichever is lowest" : "") + ": at most " + maxIncrease.text() + ", so "
                + maxRent.text() + ".";
    }

    private static String standingSentence(GoodStanding g, Standing s, boolean good) {
        String record = Wording.plural(s.late(), "late payment", "late payments") + " in the last "
                + Wording.plural(g.lookbackMonths(), "month", "months");
        if (!good) {
            return "Not in good standing (" + record + "): no concession.";
        }
        List<String> gets = new ArrayList<>();
        if (g.monthlyDiscount().isPositive()) {
            gets.add(g.monthlyDiscount().text() + " off each month");
        }
        if (g.oneTimeCredit().isPositive()) {
            gets.add("a one-time credit of " + g.oneTimeCredit().text());
        }
        return "In good standing (" + record + ")" + (gets.isEmpty() ? "." : ": " + Wording.and(gets) + ".");
    }

    private static String noticeSentence(Inputs in, RenewalPolicy policy, int baseNotice, LocalDate deadline) {
        String law = in.law()
                .map(l -> in.jurisdictionName() + " requires notice of an increase under " + l.citation()
                        + "; the policy asks for " + Wording.days(policy.noticeDays()) + ". ")
                .orElse("The policy asks for " + Wording.days(policy.noticeDays()) + " of notice. ");
        if (baseNotice == 0) {
            return law + "The recommended term does not raise the rent, so no notice period applies to it.";
        }
        return law + "For the recommended term that is " + Wording.days(baseNotice) + ": notice by "
                + Wording.day(deadline, in.today()) + (in.today().isAfter(deadline) ? " (already past)." : ".");
    }
}
