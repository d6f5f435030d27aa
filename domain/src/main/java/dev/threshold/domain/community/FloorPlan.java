package dev.threshold.domain.community;

import dev.threshold.domain.money.Money;
import java.util.OptionalInt;

/**
 * A layout a community offers ("Aspen: 1 bed, 1 bath, 710 sq ft"), with the rent it is marketed from.
 *
 * @param bathrooms may be fractional (1.5 is a full and a half bath)
 * @param marketRent the floor plan's advertised starting rent; each unit carries its own
 */
public record FloorPlan(
        String community, String id, String name, int bedrooms, double bathrooms, OptionalInt sqft, Money marketRent) {

    public FloorPlan {
        if (bedrooms < 0 || bedrooms > 10) {
            throw new IllegalArgumentException("floor plan " + id + ": " + bedrooms + " bedrooms is not plausible");
        }
        if (bathrooms < 0 || bathrooms > 10) {
            throw new IllegalArgumentException("floor plan " + id + ": " + bathrooms + " bathrooms is not plausible");
        }
        if (marketRent.isNegative()) {
            throw new IllegalArgumentException("floor plan " + id + ": market rent cannot be negative");
        }
    }

    /** "Studio" or "2 bed / 1.5 bath". */
    public String layout() {
        String bath = bathrooms == Math.rint(bathrooms) ? String.valueOf((int) bathrooms) : String.valueOf(bathrooms);
        return (bedrooms == 0 ? "Studio" : bedrooms + " bed") + " / " + bath + " bath";
    }
}
