package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** What a MITS property feed says, read and checked, before it is compared with the records. */
record PropertyFeed(Optional<String> management, List<Property> properties) {

    /** One {@code <Property>}. */
    record Property(
            String id,
            String name,
            Address address,
            Optional<GeoPoint> location,
            String phone,
            String email,
            Optional<String> website,
            Map<DayOfWeek, BusinessCalendar.Hours> officeHours,
            Optional<PetPolicy> pets,
            List<Plan> floorPlans,
            List<FeedUnit> units) {}

    /** One {@code <Floorplan>}. */
    record Plan(String id, String name, int bedrooms, double bathrooms, OptionalInt sqft, Money marketRent) {}

    /** One {@code <ILS_Unit>}. */
    record FeedUnit(
            String id,
            String floorPlan,
            UnitStatus status,
            Optional<LocalDate> availableOn,
            Optional<Money> rent,
            OptionalInt sqft,
            int floor,
            Set<String> amenities,
            Set<String> accessibility) {}
}
