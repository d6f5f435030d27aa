package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.Address;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.domain.community.PetPolicy;
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
    private final FeedUnitReader units;

    PropertyFeedReader(Findings findings, LocalDate today) {
        this.findings = findings;
        this.units = new FeedUnitReader(findings, today);
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
        List<PropertyFeed.FeedUnit> unitsRead = new ArrayList<>();
        Set<String> unitIds = new HashSet<>();
        for (Element u : p.all("ILS_Unit")) {
            Optional<String> raw = FeedUnitReader.unitId(u);
            if (raw.isPresent() && !unitIds.add(raw.get())) {
                findings.add(u, path + "/ILS_Unit[" + raw.get() + "]", "the unit appears twice");
                continue;
            }
            units.unit(u, path, byId, planIds).ifPresent(unitsRead::add);
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
                unitsRead));
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

    static String slug(String text) {
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
