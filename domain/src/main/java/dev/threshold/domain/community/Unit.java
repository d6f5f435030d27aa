package dev.threshold.domain.community;

import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A rentable apartment (or home) of a community, with what leasing needs to know to offer it.
 *
 * @param availableOn when it can be moved into; a vacant-ready unit without one is available now
 * @param marketRent what it is advertised at today
 * @param accessibility features such as {@code step-free}, {@code roll-in-shower}, {@code grab-bars},
 *     {@code visual-alarms}, {@code elevator}
 * @param petsAllowed false when this unit is excluded from the community's pet policy
 */
public record Unit(
        String community,
        String id,
        String floorPlan,
        UnitStatus status,
        Optional<LocalDate> availableOn,
        Money marketRent,
        int floor,
        Optional<String> view,
        Set<String> amenities,
        Set<String> accessibility,
        OptionalInt sqft,
        boolean petsAllowed) {

    public Unit {
        amenities = Set.copyOf(amenities);
        accessibility = Set.copyOf(accessibility);
        if (marketRent.isNegative()) {
            throw new IllegalArgumentException("unit " + id + ": market rent cannot be negative");
        }
    }

    /**
     * The first day it can be moved into, seen from {@code today}; empty when it is not leasable or its
     * date is unknown (a unit on notice without a move-out date is never offered).
     */
    public Optional<LocalDate> readyOn(LocalDate today) {
        if (!status.leasable()) {
            return Optional.empty();
        }
        if (availableOn.isPresent()) {
            return Optional.of(availableOn.get().isBefore(today) ? today : availableOn.get());
        }
        return status == UnitStatus.VACANT_READY ? Optional.of(today) : Optional.empty();
    }

    /** Whether it is leasable and can be moved into on or before the date. */
    public boolean availableBy(LocalDate date, LocalDate today) {
        return readyOn(today).map(d -> !d.isAfter(date)).orElse(false);
    }

    public Unit withStatus(UnitStatus newStatus, Optional<LocalDate> newAvailableOn) {
        return new Unit(
                community,
                id,
                floorPlan,
                newStatus,
                newAvailableOn,
                marketRent,
                floor,
                view,
                amenities,
                accessibility,
                sqft,
                petsAllowed);
    }

    public Unit withMarketRent(Money rent) {
        return new Unit(
                community,
                id,
                floorPlan,
                status,
                availableOn,
                rent,
                floor,
                view,
                amenities,
                accessibility,
                sqft,
                petsAllowed);
    }
}
