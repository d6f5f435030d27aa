package dev.threshold.domain.importing.csv;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.importing.Availability;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Units from a rent roll or unit-availability export. The community must exist (from its MITS feed); a floor
 * plan the records do not know is created from the first row that gives its {@code bedrooms}, at the lowest
 * rent of its units. Like the MITS import, a unit that becomes available yields {@code unit.available}.
 */
final class UnitsCsv {
    private static final String STATUSES =
            "vacant-ready, vacant-not-ready, notice-unrented, notice-rented, vacant-leased, occupied, offline";

    private final String file;
    private final CsvFile csv;
    private final Cells cells;
    private final Findings findings;
    private final PropertyRecords current;
    private final Instant now;

    UnitsCsv(String file, CsvFile csv, Cells cells, Findings findings, PropertyRecords current, Instant now) {
        this.file = file;
        this.csv = csv;
        this.cells = cells;
        this.findings = findings;
        this.current = current;
        this.now = now;
    }

    ImportPlan plan() throws ImportFailed {
        Map<String, FloorPlan> newPlans = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvFile.Row row : csv.rows()) {
            read(row, newPlans).ifPresent(u -> {
                if (!seen.add(u.community() + "/" + u.id())) {
                    cells.problem(row, "unit", "'" + u.id() + "' of " + u.community() + " appears twice");
                }
                units.add(u);
            });
        }
        findings.throwIfAny();
        Map<String, Money> lowest = new LinkedHashMap<>();
        units.forEach(u -> lowest.merge(u.community() + "/" + u.floorPlan(), u.marketRent(), Money::min));
        Tally tally = new Tally();
        ChangeSet.Builder set = ChangeSet.builder();
        List<Event> events = new ArrayList<>();
        for (FloorPlan p : newPlans.values()) {
            FloorPlan priced = new FloorPlan(
                    p.community(),
                    p.id(),
                    p.name(),
                    p.bedrooms(),
                    p.bathrooms(),
                    p.sqft(),
                    lowest.get(p.community() + "/" + p.id()));
            tally.count("floor plans", Optional.empty(), priced);
            set.floorPlan(priced);
            newPlans.put(p.community() + "/" + p.id(), priced);
        }
        for (Unit u : units) {
            Optional<Unit> before = current.unit(u.community(), u.id());
            if (tally.count("units", before, u)) {
                set.unit(u);
                Community c = current.community(u.community()).orElseThrow();
                FloorPlan plan = current.floorPlan(u.community(), u.floorPlan())
                        .orElseGet(() -> newPlans.get(u.community() + "/" + u.floorPlan()));
                Availability.change(before, u, plan, c, now).ifPresent(events::add);
            }
        }
        return new ImportPlan(file, "csv-" + CsvKind.UNITS.id(), set.build(), tally.counts(), events, List.of());
    }

    private Optional<Unit> read(CsvFile.Row row, Map<String, FloorPlan> newPlans) {
        String communityId = cells.required(row, "community");
        String id = cells.required(row, "unit");
        String planId = cells.required(row, "floor_plan");
        Optional<Community> community = communityId.isEmpty() ? Optional.empty() : current.community(communityId);
        if (!communityId.isEmpty() && community.isEmpty()) {
            cells.problem(
                    row,
                    "community",
                    "'" + communityId + "' is not in the records; import its property feed" + " first");
        }
        Optional<UnitStatus> status = cells.oneOf(row, "status", UnitStatus::parse, STATUSES);
        if (!row.has("status")) {
            cells.problem(row, "status", "is empty; one of " + STATUSES + " is required");
        }
        Optional<Money> rent = cells.money(row, "market_rent");
        if (!row.has("market_rent")) {
            cells.problem(row, "market_rent", "is empty; a value is required");
        }
        Optional<java.time.LocalDate> availableOn = cells.date(row, "available_on");
        if (status.isPresent()
                && status.get() != UnitStatus.VACANT_READY
                && status.get().leasable()
                && !row.has("available_on")) {
            cells.problem(
                    row, "available_on", "is required for a " + status.get().id() + " unit");
        }
        OptionalInt bedrooms = cells.count(row, "bedrooms");
        Optional<Double> baths = cells.number(row, "bathrooms");
        OptionalInt sqft = cells.count(row, "sqft");
        OptionalInt floor = cells.count(row, "floor");
        Optional<Boolean> pets = cells.flag(row, "pets_allowed");
        String planKey = communityId + "/" + planId;
        if (community.isPresent()
                && !planId.isEmpty()
                && current.floorPlan(communityId, planId).isEmpty()
                && !newPlans.containsKey(planKey)) {
            if (bedrooms.isEmpty()) {
                cells.problem(
                        row, "bedrooms", "floor plan '" + planId + "' is new: give its bedrooms on its first row");
            } else {
                try {
                    newPlans.put(
                            planKey,
                            new FloorPlan(
                                    communityId,
                                    planId,
                                    planId,
                                    bedrooms.getAsInt(),
                                    baths.orElse(1.0),
                                    sqft,
                                    Money.ZERO));
                } catch (IllegalArgumentException e) {
                    cells.problem(row, "bedrooms", e.getMessage());
                }
            }
        }
        if (community.isEmpty() || id.isEmpty() || planId.isEmpty() || status.isEmpty() || rent.isEmpty()) {
            return Optional.empty();
        }
        Optional<Unit> before = current.unit(communityId, id);
        return Optional.of(new Unit(
                communityId,
                id,
                planId,
                status.get(),
                availableOn,
                rent.get(),
                floor.orElse(before.map(Unit::floor).orElse(1)),
                cells.text(row, "view").or(() -> before.flatMap(Unit::view)),
                cells.words(row, "amenities"),
                cells.words(row, "accessibility"),
                sqft.isPresent() ? sqft : before.map(Unit::sqft).orElse(OptionalInt.empty()),
                pets.orElse(before.map(Unit::petsAllowed).orElse(true))));
    }
}
