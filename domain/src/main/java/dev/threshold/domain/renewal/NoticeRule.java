package dev.threshold.domain.renewal;

import java.math.BigDecimal;

/**
 * How much written notice a jurisdiction requires before a rent increase takes effect. These are defaults
 * for the rules named in {@link #citation()}; a community's policy can only lengthen them, and counsel
 * should confirm them for each state a tenant operates in.
 */
public sealed interface NoticeRule permits NoticeRule.Flat, NoticeRule.ByIncrease, NoticeRule.ByTenancy {

    /** The two-letter state. */
    String jurisdiction();

    /** The statute the rule comes from. */
    String citation();

    /** Days of notice for an increase of this size, to a resident who has lived there this long. */
    int days(BigDecimal increasePercent, int tenancyMonths);

    /** The same notice for any increase. */
    record Flat(String jurisdiction, int noticeDays, String citation) implements NoticeRule {
        @Override
        public int days(BigDecimal increasePercent, int tenancyMonths) {
            return increasePercent.signum() > 0 ? noticeDays : 0;
        }
    }

    /** Longer notice above a size of increase (California: 30 days up to 10%, 90 days above). */
    record ByIncrease(String jurisdiction, BigDecimal thresholdPercent, int upToDays, int aboveDays, String citation)
            implements NoticeRule {
        @Override
        public int days(BigDecimal increasePercent, int tenancyMonths) {
            if (increasePercent.signum() <= 0) {
                return 0;
            }
            return increasePercent.compareTo(thresholdPercent) > 0 ? aboveDays : upToDays;
        }
    }

    /**
     * Notice by length of tenancy, for increases from a size up (New York: 5% or more needs 30 days under
     * a year of tenancy, 60 under two years, 90 from two years).
     */
    record ByTenancy(
            String jurisdiction,
            BigDecimal fromPercent,
            int underOneYearDays,
            int underTwoYearsDays,
            int twoYearsOrMoreDays,
            String citation)
            implements NoticeRule {
        @Override
        public int days(BigDecimal increasePercent, int tenancyMonths) {
            if (increasePercent.compareTo(fromPercent) < 0) {
                return 0;
            }
            return tenancyMonths < 12 ? underOneYearDays : tenancyMonths < 24 ? underTwoYearsDays : twoYearsOrMoreDays;
        }
    }
}
