package dev.threshold.domain.matching;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import java.util.List;
import java.util.Optional;

/**
 * What unit matching reads: communities, their floor plans and units. Actions find it with
 * {@code context.extension(UnitInventory.class)}; {@code property.PropertyRecords} provides it.
 */
public interface UnitInventory {

    Optional<Community> community(String id);

    /** Every community of the tenant, in a stable order. */
    List<Community> communities();

    List<FloorPlan> floorPlans(String community);

    List<Unit> units(String community);
}
