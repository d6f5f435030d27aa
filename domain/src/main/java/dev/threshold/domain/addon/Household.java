package dev.threshold.domain.addon;

import dev.threshold.domain.contact.Pets;

/**
 * What a household tells us that makes an add-on relevant. Deliberately narrow: vehicles, animals, a wish
 * for storage and the insurance on file; never the number of children or anything else the Fair Housing Act
 * protects.
 *
 * @param electricVehicle at least one of the vehicles is electric
 * @param hasRentersInsurance a policy is on file, so insurance is not offered
 */
public record Household(
        int vehicles, boolean electricVehicle, Pets pets, boolean wantsStorage, boolean hasRentersInsurance) {}
