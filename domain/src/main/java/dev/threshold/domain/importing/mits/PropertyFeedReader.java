package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.XmlTree.Element;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a MITS ILS property feed ({@code PhysicalProperty → Property → Floorplan, ILS_Unit}) into a {@link
 * PropertyFeed}, collecting every problem with its element path and line. docs/imports.md lists the elements
 * it reads.
 */
final class PropertyFeedReader {
    private static final DateTimeFormatter TWELVE_HOUR = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final Set<String> OFFLINE_ECONOMIC =
            Set.of("down", "model", "employee", "admin", "office", "nonrevenue", "non-revenue");

    private final Findings findings;
    private final LocalDate today;

    PropertyFeedReader(Findings findings, LocalDate today) {
        this.findings = findings;
        this.today = today;
    }

    PropertyFeed read(Element root) {
        if (!root.name().equals("PhysicalProperty")) {
            findings.add(root, root.name(), "expected <PhysicalProperty> as the root of a MITS property feed");
            return new PropertyFeed(Optional.empty(), List.of());
        }
        Optional<String> management = root.child("Management").flatMap(m -> m.attribute("IDValue"));
        List<PropertyFeed.Property> properties = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element p : root.all("Property")) {
            property(p).ifPresent(prop -> {
                if (!ids.add(prop.id())) {
                    findings.add(p, "PhysicalProperty/Property[" + prop.id() + "]", "the property appears twice");
                }
                properties.add(prop);
            });
        }
        if (root.all("Property").isEmpty()) {
            findings.add(root, "PhysicalProperty", "the feed has no <Property>");
        }
        return new PropertyFeed(management, properties);
    }

    private Optional<PropertyFeed.Property> property(Element p) {
        Optional<String> id = p.attribute("IDValue")
                .or(() -> p.child("PropertyID")
                        .flatMap(x -> x.child("Identification"))
                        .flatMap(x -> x.attribute("IDValue")));
        if (id.isEmpty()) {
            findings.add(p, "PhysicalProperty/Property", "has no IDValue (nor PropertyID/Identification@IDValue)");
            return Optional.empty();
        }
        String path = "PhysicalProperty/Property[" + id.get() + "]";
        Element pid = p.child("PropertyID").orElse(p);
        String name = pid.text("MarketingName").orElseGet(() -> {
            findings.add(pid, path + "/PropertyID/MarketingName", "is required");
            return id.get();
        });
        Address address = address(pid, path);
        List<PropertyFeed.Plan> plans = new ArrayList<>();
        Map<String, PropertyFeed.Plan> byId = new java.util.LinkedHashMap<>();
        Set<String> planIds = new HashSet<>();
        for (Element f : p.all("Floorplan")) {
            Optional<String> raw = f.attribute("IDValue");
            if (raw.isPresent() && !planIds.add(raw.get())) {
                findings.add(f, path + "/Floorplan[" + raw.get() + "]", "the floor plan appears twice");
                continue;
            }
            floorPlan(f, path).ifPresent(plan -> {
                byId.put(plan.id(), plan);
                plans.add(plan);
            });
        }
        List<PropertyFeed.FeedUnit> units = new ArrayList<>();
        Set<String> unitIds = new HashSet<>();
        for (Element u : p.all("ILS_Unit")) {
            Optional<String> raw = unitId(u);
            if (raw.isPresent() && !unitIds.add(raw.get())) {
                findings.add(u, path + "/ILS_Unit[" + raw.get() + "]", "the unit appears twice");
                continue;
            }
            unit(u, path, byId, planIds).ifPresent(units::add);
        }
        return Optional.of(new PropertyFeed.Property(
                id.get(),
                name,
                address,
                location(p, path),
                pid.textAt("Phone", "PhoneNumber").orElse(""),
                pid.text("Email").orElse(""),
                pid.text("WebSite").or(() -> p.textAt("Information", "PropertyAvailabilityURL")),
                officeHours(p, path),
                pets(p, path),
                plans,
                units));
    }

    private Address address(Element pid, String path) {
        Optional<Element> a = pid.child("Address");
        if (a.isEmpty()) {
            findings.add(pid, path + "/PropertyID/Address", "is required: its State decides the laws and timezone");
            return Address.unknown();
        }
        Element e = a.get();
        String state = e.text("State").orElse("");
        if (!state.matches("[A-Za-z]{2}")
                || dev.threshold.domain.importing.StateZones.of(state).isEmpty()) {
            findings.add(
                    e.child("State").orElse(e),
                    path + "/PropertyID/Address/State",
                    state.isEmpty() ? "is required" : "'" + state + "' is not a two-letter US state code");
        }
        return new Address(
                e.text("AddressLine1").orElse(""),
                e.text("AddressLine2").orElse(""),
                e.text("City").orElse(""),
                state,
                e.text("PostalCode").orElse(""),
                e.text("Country").orElse("US"));
    }

    private Optional<GeoPoint> location(Element p, String path) {
        Optional<Element> ils = p.child("ILS_Identification");
        if (ils.isEmpty()
                || ils.get().text("Latitude").isEmpty()
                || ils.get().text("Longitude").isEmpty()) {
            return Optional.empty();
        }
        Element e = ils.get();
        Optional<Double> lat =
                findings.number(e.text("Latitude").get(), e.line(), e.column(), path + "/ILS_Identification/Latitude");
        Optional<Double> lon = findings.number(
                e.text("Longitude").get(), e.line(), e.column(), path + "/ILS_Identification/Longitude");
        if (lat.isEmpty() || lon.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(lat.get(), lon.get()));
        } catch (IllegalArgumentException x) {
            findings.add(e, path + "/ILS_Identification", x.getMessage());
            return Optional.empty();
        }
    }

    private Map<DayOfWeek, BusinessCalendar.Hours> officeHours(Element p, String path) {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        for (Element h : p.child("Information").map(i -> i.all("OfficeHour")).orElse(List.of())) {
            String where = path + "/Information/OfficeHour";
            Optional<DayOfWeek> day = h.text("Day").flatMap(d -> {
                try {
                    return Optional.of(DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException x) {
                    findings.add(h, where + "/Day", "'" + d + "' is not a day of the week, such as Monday");
                    return Optional.empty();
                }
            });
            Optional<LocalTime> open = h.text("OpenTime").flatMap(t -> time(h, where + "/OpenTime", t));
            Optional<LocalTime> close = h.text("CloseTime").flatMap(t -> time(h, where + "/CloseTime", t));
            if (day.isPresent() && open.isPresent() && close.isPresent()) {
                if (!open.get().isBefore(close.get())) {
                    findings.add(h, where, "opens at " + open.get() + " but closes at " + close.get());
                } else {
                    week.put(day.get(), new BusinessCalendar.Hours(open.get(), close.get()));
                }
            } else if (day.isEmpty() && h.text("Day").isEmpty()) {
                findings.add(h, where, "needs Day, OpenTime and CloseTime");
            }
        }
        return week;
    }

    private Optional<LocalTime> time(Element at, String where, String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        try {
            return Optional.of(
                    t.endsWith("AM") || t.endsWith("PM")
                            ? LocalTime.parse(t.replaceAll("\\s*(AM|PM)$", " $1"), TWELVE_HOUR)
                            : LocalTime.parse(t.length() == 4 ? "0" + t : t));
        } catch (DateTimeParseException x) {
            findings.add(at, where, "'" + text + "' is not a time such as 9:00 AM or 18:00");
            return Optional.empty();
        }
    }

    private Optional<PetPolicy> pets(Element p, String path) {
        List<Element> pets = p.child("Policy").map(x -> x.all("Pet")).orElse(List.of());
        if (pets.isEmpty()) {
            return Optional.empty();
        }
        Set<String> allowed = new TreeSet<>();
        int max = 0;
        Money rent = Money.ZERO;
        Money deposit = Money.ZERO;
        Money fee = Money.ZERO;
        OptionalInt weight = OptionalInt.empty();
        for (Element pet : pets) {
            String where = path + "/Policy/Pet";
            boolean ok = pet.attribute("Allowed")
                    .map(a -> a.equalsIgnoreCase("true"))
                    .orElse(true);
            if (!ok) {
                continue;
            }
            allowed.add(pet.attribute("PetType").orElse("pet").toLowerCase(Locale.ROOT));
            max = Math.max(
                    max,
                    pet.text("MaxCount")
                            .map(t -> findings.count(t, pet.line(), pet.column(), where + "/MaxCount")
                                    .orElse(0))
                            .orElse(2));
            rent = Money.max(rent, amount(pet, "Rent", where));
            deposit = Money.max(deposit, amount(pet, "Deposit", where));
            fee = Money.max(fee, amount(pet, "Fee", where));
            if (pet.text("MaxWeight").isPresent()) {
                weight = findings.count(pet.text("MaxWeight").get(), pet.line(), pet.column(), where + "/MaxWeight");
            }
        }
        return Optional.of(new PetPolicy(allowed, max, weight, deposit, rent, fee));
    }

    private Money amount(Element at, String child, String where) {
        return at.text(child)
                .flatMap(t -> findings.money(t, at.line(), at.column(), where + "/" + child))
                .orElse(Money.ZERO);
    }

    private Optional<PropertyFeed.Plan> floorPlan(Element f, String path) {
        Optional<String> id = f.attribute("IDValue");
        if (id.isEmpty()) {
            findings.add(f, path + "/Floorplan", "has no IDValue");
            return Optional.empty();
        }
        String where = path + "/Floorplan[" + id.get() + "]";
        OptionalInt bedrooms = OptionalInt.empty();
        double bathrooms = 1;
        for (Element room : f.all("Room")) {
            String type = room.attribute("RoomType").orElse("").toLowerCase(Locale.ROOT);
            Optional<String> count = room.text("Count");
            if (count.isEmpty()) {
                findings.add(room, where + "/Room", "has no Count");
            } else if (type.equals("bedroom")) {
                bedrooms = findings.count(count.get(), room.line(), room.column(), where + "/Room[Bedroom]/Count");
            } else if (type.equals("bathroom")) {
                bathrooms = findings.number(count.get(), room.line(), room.column(), where + "/Room[Bathroom]/Count")
                        .orElse(1.0);
            }
        }
        if (bedrooms.isEmpty()
                && f.all("Room").stream()
                        .noneMatch(r -> "bedroom"
                                .equalsIgnoreCase(r.attribute("RoomType").orElse("")))) {
            findings.add(f, where, "needs <Room RoomType=\"Bedroom\"><Count>n</Count></Room> (0 for a studio)");
        }
        Optional<Money> rent = f.child("MarketRent")
                .or(() -> f.child("EffectiveRent"))
                .flatMap(r -> r.attribute("Min")
                        .or(() -> r.attribute("Max"))
                        .or(() -> Optional.of(r.text()))
                        .filter(t -> !t.isEmpty())
                        .flatMap(t -> findings.money(t, r.line(), r.column(), where + "/" + r.name())));
        if (rent.isEmpty()
                && f.child("MarketRent").isEmpty()
                && f.child("EffectiveRent").isEmpty()) {
            findings.add(f, where, "needs <MarketRent Min=\"…\"/> (or EffectiveRent)");
        }
        OptionalInt sqft = f.child("SquareFeet")
                .flatMap(s -> s.attribute("Min")
                        .or(() -> s.attribute("Max"))
                        .map(t -> findings.count(t, s.line(), s.column(), where + "/SquareFeet")))
                .orElse(OptionalInt.empty());
        if (bedrooms.isEmpty() || rent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PropertyFeed.Plan(
                id.get(), f.text("Name").orElse(id.get()), bedrooms.getAsInt(), bathrooms, sqft, rent.get()));
    }

    private Optional<PropertyFeed.FeedUnit> unit(
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
            String word =
                    slug(a.text("Description").orElse(a.attribute("AmenityType").orElse("")));
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

    private static Optional<String> unitId(Element u) {
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

    static String slug(String text) {
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
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
