package dev.threshold.domain.generator;

import dev.threshold.domain.addon.AddOnPurchase;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.moveout.MoveOut;
import dev.threshold.domain.moveout.MoveOutReason;
import dev.threshold.domain.payment.Payment;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The units of a community and the people in them: leases ending across the coming year (more in summer,
 * as in the industry), households of one to three, late payers, recent work orders with their promises kept
 * or missed, feedback that follows, and the residents who left in the past year with their reasons.
 */
final class ResidentsGenerator {
    /** Share of lease ends by calendar month, January first: the summer peak of US multifamily. */
    private static final int[] SEASON = {5, 5, 7, 8, 10, 12, 12, 11, 9, 8, 7, 6};

    private final Draw d;
    private final CommunityGenerator.Built built;
    private final LocalDate today;
    private final ZoneId zone;
    private final Batch out;
    private final String prefix;
    private final MaintenanceGenerator maintenance;
    private int people;

    ResidentsGenerator(long seed, int index, CommunityGenerator.Built built, LocalDate today, Batch out) {
        this.d = Draw.of(seed, "residents", index);
        this.built = built;
        this.today = today;
        this.zone = built.community().timezone();
        this.out = out;
        this.prefix = String.valueOf(index + 1);
        this.maintenance = new MaintenanceGenerator(d, today, zone, prefix, out);
    }

    /** Builds units until the community is full or {@code wanted} residents live in it; returns how many do. */
    int generate(int units, int wanted) {
        int floors = d.between(3, 5);
        int residents = 0;
        for (int n = 0; n < units; n++) {
            int building = n / (floors * 8) + 1;
            int floor = (n / 8) % floors + 1;
            String unitId = building + "-" + floor + String.format("%02d", n % 8 + 1);
            FloorPlan plan = built.plans().get(d.weighted(built.planWeights()));
            UnitStatus status = residents >= wanted ? vacantStatus() : status();
            Money rent = plan.marketRent()
                    .times(java.math.BigDecimal.valueOf(d.between(0.97, 1.04) + 0.01 * (floor - 1)))
                    .roundTo(Money.dollars(5), false);
            Optional<LocalDate> availableOn = Optional.empty();
            if (status == UnitStatus.OCCUPIED
                    || status == UnitStatus.NOTICE_UNRENTED
                    || status == UnitStatus.NOTICE_RENTED) {
                boolean notice = status != UnitStatus.OCCUPIED;
                LocalDate end = notice ? today.plusDays(d.between(15, 60)) : leaseEnd();
                residents += household(unitId, plan, rent, end, notice, wanted - residents);
                if (notice) {
                    availableOn = Optional.of(end.plusDays(d.between(3, 10)));
                }
            } else if (status == UnitStatus.VACANT_NOT_READY || status == UnitStatus.VACANT_LEASED) {
                availableOn = Optional.of(today.plusDays(d.between(3, 21)));
            } else if (status == UnitStatus.VACANT_READY) {
                availableOn = Optional.of(today.minusDays(d.between(0, 30)));
            }
            Set<String> amenities = new java.util.TreeSet<>();
            if (floor == 1 && d.chance(0.5)) {
                amenities.add("patio");
            }
            if (floor > 1 && d.chance(0.6)) {
                amenities.add("balcony");
            }
            if (d.chance(0.6)) {
                amenities.add("washer-dryer");
            }
            Set<String> access = new java.util.TreeSet<>();
            if (floor == 1) {
                access.add("step-free");
                if (d.chance(0.1)) {
                    access.add("roll-in-shower");
                    access.add("grab-bars");
                }
            }
            out.records.unit(new Unit(
                    built.community().id(),
                    unitId,
                    plan.id(),
                    status,
                    availableOn,
                    rent,
                    floor,
                    floor == floors && d.chance(0.4)
                            ? Optional.of(d.pick(List.of("mountain", "city", "park")))
                            : Optional.empty(),
                    amenities,
                    access,
                    plan.sqft(),
                    true));
        }
        formerResidents(units);
        return residents;
    }

    private UnitStatus status() {
        return switch (d.weighted(920, 35, 10, 20, 15, 5, 5)) {
            case 0 -> UnitStatus.OCCUPIED;
            case 1 -> UnitStatus.NOTICE_UNRENTED;
            case 2 -> UnitStatus.NOTICE_RENTED;
            case 3 -> UnitStatus.VACANT_READY;
            case 4 -> UnitStatus.VACANT_NOT_READY;
            case 5 -> UnitStatus.VACANT_LEASED;
            default -> UnitStatus.OFFLINE;
        };
    }

    private UnitStatus vacantStatus() {
        return d.chance(0.7) ? UnitStatus.VACANT_READY : UnitStatus.VACANT_NOT_READY;
    }

    private LocalDate leaseEnd() {
        LocalDate month = today.withDayOfMonth(1).plusMonths(1);
        int wanted = d.weighted(SEASON);
        while (month.getMonthValue() != wanted + 1) {
            month = month.plusMonths(1);
        }
        return month.plusDays(d.between(0, month.lengthOfMonth() - 1));
    }

    private int household(String unit, FloorPlan plan, Money marketRent, LocalDate end, boolean notice, int room) {
        int size = Math.min(room, 1 + d.weighted(60, 35, 5));
        int term = switch (d.weighted(80, 8, 7, 5)) {
            case 0 -> 12;
            case 1 -> 6;
            case 2 -> 15;
            default -> 18;
        };
        LocalDate start = end.plusDays(1).minusMonths(term);
        for (int longer : new int[] {12, 18}) {
            if (start.isAfter(today)) { // a short term ending late in the year would not have started yet
                term = longer;
                start = end.plusDays(1).minusMonths(term);
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Contact c = person("R", Role.RESIDENT, start, Optional.empty());
            ids.add(c.id());
            out.records.contact(c);
        }
        Money rent = marketRent
                .times(java.math.BigDecimal.valueOf(d.between(0.9, 1.02)))
                .roundTo(Money.dollars(5), false);
        Lease lease = new Lease(
                "L-" + built.community().id() + "-" + unit + "-" + start,
                built.community().id(),
                unit,
                ids,
                start,
                end,
                rent,
                start.minusDays(d.between(10, 45)),
                d.chance(0.55) ? Lease.Kind.RENEWAL : Lease.Kind.NEW,
                notice ? Optional.of(end.minusDays(d.between(30, 60))) : Optional.empty());
        out.records.lease(lease);
        out.happened(new Happening.LeaseSigned(at(lease.signedOn(), 14), lease));
        if (notice) {
            LocalDate given = lease.noticeOn().orElseThrow();
            out.happened(new Happening.NoticeGiven(
                    at(given.isAfter(today) ? today : given, 11),
                    lease,
                    d.pick(List.of("price", "purchase", "job", "space", "location", "family"))));
        }
        payments(lease);
        purchases(lease);
        maintenance.workOrders(lease);
        return size;
    }

    private Contact person(String kind, Role role, LocalDate since, Optional<LocalDate> until) {
        String id = kind + prefix + "-" + (++people);
        String first = d.pick(Names.FIRST);
        String last = d.pick(Names.LAST);
        String handle = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z.]", "");
        List<ContactPoint> points = new ArrayList<>();
        points.add(new ContactPoint(
                ContactPoint.Kind.EMAIL,
                handle + "." + id.toLowerCase(java.util.Locale.ROOT) + "@example.com",
                d.chance(0.8)));
        if (d.chance(0.85)) {
            points.add(new ContactPoint(
                    ContactPoint.Kind.PHONE,
                    "+1555" + String.format("%07d", Math.floorMod((long) id.hashCode() * 31 + people, 10_000_000L)),
                    d.chance(0.6)));
        }
        Instant at = at(since, 9);
        List<Consent> consents = new ArrayList<>();
        consents.add(new Consent(Channel.EMAIL, Purpose.TRANSACTIONAL, true, "lease", at));
        if (d.chance(0.7)) {
            consents.add(new Consent(Channel.EMAIL, Purpose.MARKETING, true, "portal preferences", at));
        }
        if (d.chance(0.6)) {
            consents.add(new Consent(Channel.SMS, Purpose.TRANSACTIONAL, true, "lease addendum", at));
            if (d.chance(0.65)) {
                consents.add(new Consent(Channel.SMS, Purpose.MARKETING, true, "sms:START", at));
            }
        }
        Pets pets = d.chance(0.35) ? Pets.parse(d.pick(List.of("dog", "cat", "dog,cat", "cat,cat"))) : Pets.none();
        Preferences prefs = new Preferences(
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                pets,
                d.weighted(15, 55, 30),
                Set.of(),
                Set.of(),
                Optional.empty());
        return new Contact(
                id,
                first,
                last,
                List.of(new RoleSpan(role, Optional.of(built.community().id()), since, until)),
                points,
                consents,
                Optional.of(zone),
                d.chance(0.12) ? "es" : "en",
                Optional.of(built.community().id()),
                prefs,
                Map.of("pms", id));
    }

    private void payments(Lease lease) {
        if (!d.chance(0.15)) {
            return;
        }
        int late = d.between(1, 3);
        java.util.Set<LocalDate> months = new java.util.HashSet<>();
        for (int i = 0; i < late; i++) {
            LocalDate due = today.withDayOfMonth(1).minusMonths(d.between(0, 11));
            if (due.isBefore(lease.start()) || !months.add(due)) {
                continue; // one payment a month: the same month drawn twice was one late payment, not two
            }
            out.records.payment(new Payment(
                    "PAY-" + lease.id() + "-" + due,
                    lease.primary(),
                    lease.id(),
                    lease.rent(),
                    due,
                    due.plusDays(d.between(6, 20)),
                    d.pick(List.of("bank-account", "card", "check")),
                    d.chance(0.7)));
        }
    }

    private void purchases(Lease lease) {
        if (d.chance(0.25)) {
            out.records.purchase(new AddOnPurchase(
                    lease.primary(), lease.community(), "covered-parking", lease.start(), Optional.empty()));
        }
        if (d.chance(0.08)) {
            out.records.purchase(
                    new AddOnPurchase(lease.primary(), lease.community(), "storage", lease.start(), Optional.empty()));
        }
    }

    private void formerResidents(int units) {
        int former = (int) Math.round(units * d.between(0.18, 0.3));
        for (int i = 0; i < former; i++) {
            LocalDate left = today.minusDays(d.between(1, 365));
            FloorPlan plan = built.plans().get(d.weighted(built.planWeights()));
            LocalDate start = left.plusDays(1).minusMonths(12 + d.between(0, 24));
            Contact c = person("F", Role.FORMER_RESIDENT, left.plusDays(1), Optional.empty());
            Contact withHistory = new Contact(
                    c.id(),
                    c.firstName(),
                    c.lastName(),
                    List.of(
                            new RoleSpan(Role.RESIDENT, c.community(), start, Optional.of(left)),
                            new RoleSpan(Role.FORMER_RESIDENT, c.community(), left.plusDays(1), Optional.empty())),
                    c.points(),
                    c.consents(),
                    c.timezone(),
                    c.language(),
                    c.community(),
                    c.preferences(),
                    c.externalIds());
            out.records.contact(withHistory);
            out.formerResidents++;
            String unit = "1-1" + String.format("%02d", d.between(1, 8));
            Money rent = plan.marketRent()
                    .times(java.math.BigDecimal.valueOf(d.between(0.88, 1.0)))
                    .roundTo(Money.dollars(5), false);
            Lease lease = new Lease(
                    "L-" + built.community().id() + "-" + c.id(),
                    built.community().id(),
                    unit,
                    List.of(c.id()),
                    start,
                    left,
                    rent,
                    start.minusDays(20),
                    Lease.Kind.NEW,
                    Optional.of(left.minusDays(45)));
            out.records.lease(lease);
            MoveOutReason reason = MoveOutReason.values()[d.weighted(18, 12, 8, 20, 22, 6, 6, 1, 7)];
            MoveOut moveOut = new MoveOut(
                    c.id(),
                    lease.id(),
                    built.community().id(),
                    unit,
                    left,
                    reason,
                    Optional.of(built.market().id()));
            out.records.moveOut(moveOut);
            out.happened(new Happening.MovedOut(at(left, 12), moveOut, plan.bedrooms(), rent.toNumber()));
        }
    }

    private Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(zone).toInstant();
    }
}
