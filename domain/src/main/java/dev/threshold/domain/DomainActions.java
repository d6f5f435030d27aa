package dev.threshold.domain;

import dev.threshold.domain.addon.FittingAddOns;
import dev.threshold.domain.matching.MatchingPortfolio;
import dev.threshold.domain.matching.MatchingUnits;
import dev.threshold.domain.qualifying.QualifyingGuestCards;
import dev.threshold.domain.referral.IssuingReferralCodes;
import dev.threshold.domain.renewal.OfferingRenewal;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.action.DomainAction;
import java.util.List;

/**
 * The property-management actions journeys call, registered under their names: {@code match-units},
 * {@code portfolio-match}, {@code renewal-offer}, {@code addon-fit}, {@code referral-code} read property records
 * through {@code Context.extension(...)} (see {@code property.PropertyRecords}); {@code qualify-guest-card}
 * reads what a person typed.
 *
 * <pre>{@code
 * Engine engine = new Engine(library, DomainActions.registry());
 * }</pre>
 */
public final class DomainActions {
    private DomainActions() {}

    public static List<DomainAction> all() {
        return List.of(
                new MatchingUnits(),
                new MatchingPortfolio(),
                new OfferingRenewal(),
                new FittingAddOns(),
                new IssuingReferralCodes(),
                new QualifyingGuestCards());
    }

    public static ActionRegistry registry() {
        return ActionRegistry.of(all());
    }
}
