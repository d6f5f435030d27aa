package dev.threshold.domain.renewal;

import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A renewal offer computed from a community's policy, with how every number was reached.
 *
 * @param renewalStart the first day of the renewed lease (the day after the current one ends)
 * @param maxRent the highest rent the caps allow
 * @param noticeDeadline the last day notice of the base option's increase can be given for it to start
 *     with the renewal
 * @param explanation the steps of the computation, in order, in words
 */
public record RenewalOffer(
        String lease,
        String community,
        String unit,
        Money currentRent,
        Money marketRent,
        LocalDate leaseEnd,
        LocalDate renewalStart,
        Money maxIncrease,
        Money maxRent,
        Optional<NoticeRule> law,
        int policyNoticeDays,
        LocalDate noticeDeadline,
        boolean goodStanding,
        Money monthlyConcession,
        Money oneTimeCredit,
        List<Option> options,
        int baseTermMonths,
        List<String> explanation) {

    public RenewalOffer {
        options = List.copyOf(options);
        explanation = List.copyOf(explanation);
    }

    /**
     * One term of the offer.
     *
     * @param rentEffectiveOn when the new rent starts: the renewal start, or later when the notice the
     *     increase needs can no longer be given in time (the current rent runs until then)
     * @param noticeDays the notice this option's increase requires (the law's or the policy's, whichever
     *     is longer; 0 when the rent does not go up)
     */
    public record Option(
            int termMonths,
            Money rent,
            Money increase,
            BigDecimal increasePercent,
            int noticeDays,
            LocalDate rentEffectiveOn,
            List<String> explanation) {
        public Option {
            explanation = List.copyOf(explanation);
        }

        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("term_months", (long) termMonths);
            f.put("rent", rent.toNumber());
            f.put("rent_text", rent.text());
            f.put("increase", increase.toNumber());
            f.put("increase_text", increase.text());
            f.put("increase_percent", increasePercent.doubleValue());
            f.put("notice_days", (long) noticeDays);
            f.put("rent_effective_on", rentEffectiveOn.toString());
            f.put("explanation", explanation);
            return f;
        }
    }

    public Option base() {
        return options.stream()
                .filter(o -> o.termMonths() == baseTermMonths)
                .findFirst()
                .orElseThrow();
    }

    /** Whether every increase can start with the renewal, the notice having been given in time. */
    public boolean onTime() {
        return options.stream().allMatch(o -> o.rentEffectiveOn().equals(renewalStart));
    }

    /** The offer as journeys read it: {@code results.offer.recommended.rent_text}, {@code ...options}. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("lease", lease);
        f.put("community", community);
        f.put("unit", unit);
        f.put("current_rent", currentRent.toNumber());
        f.put("current_rent_text", currentRent.text());
        f.put("market_rent", marketRent.toNumber());
        f.put("market_rent_text", marketRent.text());
        f.put("lease_end", leaseEnd.toString());
        f.put("renewal_start", renewalStart.toString());
        f.put("max_increase", maxIncrease.toNumber());
        f.put("max_rent", maxRent.toNumber());
        law.ifPresent(l -> {
            f.put("jurisdiction", l.jurisdiction());
            f.put("notice_law", l.citation());
        });
        f.put("policy_notice_days", (long) policyNoticeDays);
        f.put("notice_deadline", noticeDeadline.toString());
        f.put("on_time", onTime());
        f.put("good_standing", goodStanding);
        f.put("monthly_concession", monthlyConcession.toNumber());
        f.put("one_time_credit", oneTimeCredit.toNumber());
        List<Map<String, Object>> opts = new ArrayList<>();
        options.forEach(o -> opts.add(o.fields()));
        f.put("options", opts);
        f.put("recommended", base().fields());
        f.put("explanation", explanation);
        return f;
    }
}
