package dev.threshold.domain.scenario;

import dev.threshold.domain.money.Money;
import dev.threshold.domain.renewal.GoodStanding;
import dev.threshold.domain.renewal.RenewalPolicy;
import dev.threshold.domain.renewal.TermOption;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a community's {@code renewal:} policy from a scenario's data block. */
final class RenewalPolicyData {
    private RenewalPolicyData() {}

    static Optional<RenewalPolicy> read(Node r) {
        r.allow(
                "cap_percent",
                "cap_amount",
                "legal_cap_percent",
                "base_term",
                "terms",
                "good_standing",
                "notice_days",
                "round_to",
                "allow_decrease");
        List<TermOption> terms = new ArrayList<>();
        for (Node t : r.list("terms")) {
            t.allow("months", "premium", "premium_percent");
            try {
                terms.add(new TermOption(
                        t.integer("months", 12),
                        t.money("premium", Money.ZERO),
                        t.decimal("premium_percent").orElse(BigDecimal.ZERO)));
            } catch (IllegalArgumentException e) {
                t.problem(e.getMessage());
            }
        }
        if (terms.isEmpty()) {
            terms.add(TermOption.of(r.integer("base_term", 12)));
        }
        Optional<GoodStanding> standing = Optional.empty();
        if (r.has("good_standing")) {
            Node g = r.get("good_standing");
            g.allow("lookback_months", "late_allowed", "grace_days", "monthly_discount", "one_time_credit");
            try {
                standing = Optional.of(new GoodStanding(
                        g.integer("lookback_months", 12),
                        g.integer("late_allowed", 0),
                        g.integer("grace_days", 5),
                        g.money("monthly_discount", Money.ZERO),
                        g.money("one_time_credit", Money.ZERO)));
            } catch (IllegalArgumentException e) {
                g.problem(e.getMessage());
            }
        }
        if (!r.has("cap_percent")) {
            r.problem("cap_percent: is required (the largest increase, in percent of the current rent)");
            return Optional.empty();
        }
        try {
            return Optional.of(new RenewalPolicy(
                    r.decimal("cap_percent").orElse(BigDecimal.ZERO),
                    r.money("cap_amount"),
                    r.decimal("legal_cap_percent"),
                    r.integer("base_term", 12),
                    terms,
                    standing,
                    r.integer("notice_days", 60),
                    r.money("round_to", Money.dollars(1)),
                    r.flag("allow_decrease", false)));
        } catch (IllegalArgumentException e) {
            r.problem(e.getMessage());
            return Optional.empty();
        }
    }
}
