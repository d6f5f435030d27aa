package dev.threshold.domain.renewal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rent-increase notice rules Threshold knows by state. Where a state has none here (many leave it to
 * the lease), only the community's own notice period applies.
 */
public final class NoticeRules {
    private static final Map<String, NoticeRule> BY_STATE = Map.of(
            "CA", new NoticeRule.ByIncrease("CA", BigDecimal.TEN, 30, 90, "California Civil Code § 827"),
            "OR", new NoticeRule.Flat("OR", 90, "Oregon Revised Statutes § 90.323"),
            "CO", new NoticeRule.Flat("CO", 60, "Colorado Revised Statutes § 38-12-701"),
            "NY",
                    new NoticeRule.ByTenancy(
                            "NY", BigDecimal.valueOf(5), 30, 60, 90, "New York Real Property Law § 226-c"));

    private NoticeRules() {}

    public static Optional<NoticeRule> forJurisdiction(Optional<String> state) {
        return state.map(s -> BY_STATE.get(s.toUpperCase(java.util.Locale.ROOT)));
    }

    public static Set<String> jurisdictions() {
        return BY_STATE.keySet();
    }
}
