package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.XmlTree.Element;
import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Reads one {@code <ILS_Unit>} of a MITS property feed: its floor plan, rent, status, dates and amenities. */
final class FeedUnitReader {
    private static final Set<String> OFFLINE_ECONOMIC =
            Set.of("down", "model", "employee", "admin", "office", "nonrevenue", "non-revenue");

    private final Findings findings;
    private final LocalDate today;

    FeedUnitReader(Findings findings, LocalDate today) {
        this.findings = findings;
        this.today = today;
    }

    Optional<PropertyFeed.FeedUnit> unit(
            Element u, String path, Map<String, PropertyFeed.Plan> plans, Set<String> declaredPlans) {
        Optional<Element> unitElement = u.child("Units").flatMap(x -> x.child("Unit"));
        Element unit = unitElement.orElse(u);
        Optional<String> id = unitId(u);
        if (id.isEmpty()) {
            findings.add(u, path + "/ILS_Unit", "has no IDValue");
            return Optional.empty();
        }
        String where = path + "/ILS_Unit[" + id.get() + "]";
        String unitPath = unitElement.isPresent() ? where + "/Units/Unit" : where;
        Optional<String> planRef = unit.child("FloorplanID")
                .or(() -> u.child("FloorplanID"))
                .flatMap(x ->
                        x.attribute("IDValue").or(() -> Optional.of(x.text())).filter(t -> !t.isEmpty()))
                .or(() -> u.attribute("FloorplanId"))
                .or(() -> unit.text("FloorplanName")
                        .flatMap(n -> plans.values().stream()
                                .filter(p -> p.name().equalsIgnoreCase(n))
                                .map(PropertyFeed.Plan::id)
                                .findFirst()));
        if (planRef.isPresent() && !plans.containsKey(planRef.get()) && declaredPlans.contains(planRef.get())) {
            return Optional.empty(); // its floor plan has problems of its own, reported there
        }
        if (planRef.isEmpty() || !plans.containsKey(planRef.get())) {
            findings.add(
                    unit,
                    unitPath + "/FloorplanID",
                    planRef.map(r -> "floor plan '" + r + "' is not a <Floorplan> of this property; known: "
                                    + plans.keySet())
                            .orElse("is required (FloorplanID@IDValue, or a FloorplanName matching a <Floorplan>)"));
            return Optional.empty();
        }
        Optional<Money> rent = unit.text("MarketRent")
                .or(() -> unit.text("UnitRent"))
                .flatMap(t -> findings.money(
                        t,
                        unit.line(),
                        unit.column(),
                        unitPath + "/" + (unit.text("MarketRent").isPresent() ? "MarketRent" : "UnitRent")));
        Optional<Element> availability = u.child("Availability");
        Optional<LocalDate> vacate = availability
                .flatMap(a -> a.child("VacateDate"))
                .flatMap(d -> MitsDates.read(d, where + "/Availability/VacateDate", findings));
        Optional<LocalDate> ready = availability
                .flatMap(a -> a.child("MadeReadyDate").or(() -> a.child("DateAvailable")))
                .flatMap(d -> MitsDates.read(d, where + "/Availability/" + d.name(), findings));
        Optional<UnitStatus> status = status(unit, unitPath, vacate, ready);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> availableOn = ready.or(() -> vacate);
        boolean datesGiven = availability
                .map(a -> a.child("VacateDate").isPresent()
                        || a.child("MadeReadyDate").isPresent()
                        || a.child("DateAvailable").isPresent())
                .orElse(false);
        if (status.get() == UnitStatus.NOTICE_UNRENTED && availableOn.isEmpty() && !datesGiven) {
            findings.add(u, where + "/Availability", "a unit on notice needs a VacateDate or MadeReadyDate");
        }
        Set<String> amenities = new TreeSet<>();
        Set<String> accessibility = new TreeSet<>();
        for (Element a : u.all("Amenity")) {
            String word = PropertyFeedReader.slug(
                    a.text("Description").orElse(a.attribute("AmenityType").orElse("")));
            if (word.isEmpty()) {
                continue;
            }
            String access = accessibilityFeature(word);
            (access.isEmpty() ? amenities : accessibility).add(access.isEmpty() ? word : access);
        }
        OptionalInt sqft = unit.text("MinSquareFeet")
                .map(t -> findings.count(t, unit.line(), unit.column(), unitPath + "/MinSquareFeet"))
                .orElse(OptionalInt.empty());
        int floor = unit.text("UnitFloor")
                .or(() -> unit.text("Floor"))
                .map(t -> findings.count(t, unit.line(), unit.column(), unitPath + "/UnitFloor")
                        .orElse(1))
                .orElse(1);
        return Optional.of(new PropertyFeed.FeedUnit(
                id.get(), planRef.get(), status.get(), availableOn, rent, sqft, floor, amenities, accessibility));
    }

    static Optional<String> unitId(Element u) {
        Element unit = u.child("Units").flatMap(x -> x.child("Unit")).orElse(u);
        return u.attribute("IDValue")
                .or(() -> unit.child("Identification").flatMap(x -> x.attribute("IDValue")))
                .or(() -> unit.text("MarketingName"));
    }

    private Optional<UnitStatus> status(
            Element unit, String where, Optional<LocalDate> vacate, Optional<LocalDate> ready) {
        String economic = unit.text("UnitEconomicStatus").orElse("").toLowerCase(Locale.ROOT);
        if (OFFLINE_ECONOMIC.contains(economic)) {
            return Optional.of(UnitStatus.OFFLINE);
        }
        String leased = unit.text("UnitLeasedStatus")
                .orElse("available")
                .toLowerCase(Locale.ROOT)
                .replace(' ', '_')
                .replace('-', '_');
        String occupancy = unit.text("UnitOccupancyStatus")
                .orElse(vacate.isPresent() ? "occupied" : "vacant")
                .toLowerCase(Locale.ROOT);
        if (!occupancy.equals("vacant") && !occupancy.equals("occupied")) {
            findings.add(unit, where + "/UnitOccupancyStatus", "'" + occupancy + "' is not vacant or occupied");
            return Optional.empty();
        }
        boolean vacant = occupancy.equals("vacant");
        return switch (leased) {
            case "unavailable", "down" -> Optional.of(UnitStatus.OFFLINE);
            case "available", "on_notice", "onnotice", "notice" ->
                Optional.of(
                        vacant
                                ? (ready.map(r -> r.isAfter(today)).orElse(false)
                                        ? UnitStatus.VACANT_NOT_READY
                                        : UnitStatus.VACANT_READY)
                                : UnitStatus.NOTICE_UNRENTED);
            case "leased", "pre_leased", "preleased" ->
                Optional.of(
                        vacant
                                ? UnitStatus.VACANT_LEASED
                                : vacate.isPresent() ? UnitStatus.NOTICE_RENTED : UnitStatus.OCCUPIED);
            default -> {
                findings.add(
                        unit,
                        where + "/UnitLeasedStatus",
                        "'" + leased + "' is not one of available, on_notice, leased, unavailable");
                yield Optional.empty();
            }
        };
    }

    private static String accessibilityFeature(String word) {
        if (word.contains("roll-in")) {
            return "roll-in-shower";
        }
        if (word.contains("wheelchair")
                || word.contains("step-free")
                || word.equals("ada")
                || word.startsWith("ada-")) {
            return "step-free";
        }
        if (word.contains("grab-bar")) {
            return "grab-bars";
        }
        if (word.contains("visual-alarm") || word.contains("strobe")) {
            return "visual-alarms";
        }
        return "";
    }
}
