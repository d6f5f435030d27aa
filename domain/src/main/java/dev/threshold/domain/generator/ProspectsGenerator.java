package dev.threshold.domain.generator;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.leasing.Application;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.ProspectStatus;
import dev.threshold.domain.leasing.Tour;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Prospects of a market: leads from listing sites, the website, calls and walk-ins over the last 90 days,
 * at every stage (new to lost), a sixth of them interested in a second community of the same market, with
 * their guest cards, tours and applications.
 */
final class ProspectsGenerator {
    private static final List<String> ILS = List.of("Zillow", "Apartments.com", "Rent.", "Apartment List");

    private final Draw d;
    private final List<CommunityGenerator.Built> market;
    private final LocalDate today;
    private final Batch out;
    private final String prefix;
    private int count;

    ProspectsGenerator(long seed, int index, List<CommunityGenerator.Built> market, LocalDate today, Batch out) {
        this.d = Draw.of(seed, "prospects", index);
        this.market = market;
        this.today = today;
        this.out = out;
        this.prefix = String.valueOf(index + 1);
    }

    void generate(int prospects) {
        for (int i = 0; i < prospects; i++) {
            CommunityGenerator.Built first = d.pick(market);
            FloorPlan plan = d.pick(first.plans());
            LocalDate contacted = today.minusDays(d.between(0, 90));
            Contact c = person(first.community(), plan, contacted);
            out.records.contact(c);
            out.prospects++;
            interest(c, first, contacted);
            if (market.size() > 1 && d.chance(0.16)) {
                CommunityGenerator.Built second = d.pick(market);
                if (!second.community().id().equals(first.community().id())) {
                    interest(c, second, contacted.plusDays(d.between(0, 5)));
                }
            }
        }
    }

    private Contact person(Community community, FloorPlan plan, LocalDate contacted) {
        String id = "P" + prefix + "-" + (++count);
        String first = d.pick(Names.FIRST);
        String last = d.pick(Names.LAST);
        Instant at = contacted.atTime(12, 0).atZone(community.timezone()).toInstant();
        List<ContactPoint> points = new ArrayList<>();
        points.add(new ContactPoint(
                ContactPoint.Kind.EMAIL,
                (first + "." + last + "." + id)
                                .toLowerCase(java.util.Locale.ROOT)
                                .replaceAll("[^a-z0-9.-]", "") + "@example.net",
                false));
        if (d.chance(0.7)) {
            points.add(new ContactPoint(
                    ContactPoint.Kind.PHONE,
                    "+1556" + String.format("%07d", Math.floorMod((long) id.hashCode() * 17 + count, 10_000_000L)),
                    false));
        }
        Money budget = plan.marketRent()
                .times(java.math.BigDecimal.valueOf(d.between(0.92, 1.2)))
                .roundTo(Money.dollars(50), false);
        Preferences prefs = new Preferences(
                d.chance(0.8) ? Optional.of(budget) : Optional.empty(),
                d.chance(0.85) ? OptionalInt.of(plan.bedrooms()) : OptionalInt.empty(),
                d.chance(0.75) ? Optional.of(contacted.plusDays(d.between(14, 120))) : Optional.empty(),
                d.chance(0.4) ? Pets.parse(d.pick(List.of("dog", "cat", "dog,dog"))) : Pets.none(),
                d.weighted(20, 60, 20),
                d.chance(0.3) ? Set.of(d.pick(List.of("balcony", "washer-dryer", "patio"))) : Set.of(),
                d.chance(0.04) ? Set.of("step-free") : Set.of(),
                Optional.empty());
        return new Contact(
                id,
                first,
                last,
                List.of(new RoleSpan(Role.PROSPECT, Optional.of(community.id()), contacted, Optional.empty())),
                points,
                List.of(new Consent(Channel.EMAIL, Purpose.TRANSACTIONAL, true, "inquiry", at)),
                Optional.of(community.timezone()),
                "en",
                Optional.of(community.id()),
                prefs,
                Map.of("crm", id));
    }

    private void interest(Contact c, CommunityGenerator.Built where, LocalDate contacted) {
        Community community = where.community();
        ProspectStatus status = ProspectStatus.values()[d.weighted(12, 18, 6, 10, 12, 5, 5, 8, 6, 18)];
        boolean ils = d.chance(0.55);
        String source = ils ? "ils" : d.pick(List.of("website", "website", "phone", "walk-in", "referral"));
        Instant first = contacted
                .atTime(d.between(7, 21), d.between(0, 59))
                .atZone(community.timezone())
                .toInstant();
        Instant last = first.plusSeconds(3600L
                * 24
                * Math.min(
                        d.between(0, 20), Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(contacted, today))));
        Interest interest = new Interest(
                c.id(), community.id(), status, source, ils ? Optional.of(d.pick(ILS)) : Optional.empty(), first, last);
        out.records.interest(interest);
        GuestCard card = new GuestCard(
                "GC-" + c.id() + "-" + community.id(),
                c.id(),
                community.id(),
                source,
                interest.ils(),
                first,
                c.preferences(),
                "",
                Optional.empty());
        out.records.guestCard(card);
        out.happened(new Happening.LeadCreated(first, interest, card));
        tour(c, community, status, first, last);
    }

    private void tour(Contact c, Community community, ProspectStatus status, Instant first, Instant last) {
        String outcome = switch (status) {
            case BOOKED -> "tour.booked";
            case VISITED, APPLIED, LEASED -> "tour.completed";
            case CANCELLED -> "tour.cancelled";
            case NO_SHOW -> "tour.no_show";
            default -> "";
        };
        if (outcome.isEmpty()) {
            return;
        }
        Instant booked = first.plusSeconds(3600L * d.between(1, 48));
        Instant starts = status == ProspectStatus.BOOKED
                ? today.plusDays(d.between(1, 7))
                        .atTime(d.between(10, 17), 0)
                        .atZone(community.timezone())
                        .toInstant()
                : booked.plusSeconds(3600L * 24 * d.between(1, 5));
        Tour tour = new Tour(
                "T-" + c.id() + "-" + community.id(),
                c.id(),
                community.id(),
                starts,
                Tour.Kind.values()[d.weighted(70, 20, 10)],
                switch (status) {
                    case BOOKED -> Tour.Status.BOOKED;
                    case CANCELLED -> Tour.Status.CANCELLED;
                    case NO_SHOW -> Tour.Status.NO_SHOW;
                    default -> Tour.Status.COMPLETED;
                },
                Optional.empty(),
                Optional.empty());
        out.records.tour(tour);
        out.happened(new Happening.TourHappened(booked, tour, "tour.booked"));
        if (!outcome.equals("tour.booked")) {
            out.happened(new Happening.TourHappened(starts.isBefore(last) ? starts : last, tour, outcome));
        }
        if (status == ProspectStatus.APPLIED || status == ProspectStatus.LEASED) {
            Instant applied = (starts.isBefore(last) ? last : starts).plusSeconds(3600);
            Application a = new Application(
                    "APP-" + c.id() + "-" + community.id(),
                    community.id(),
                    Optional.empty(),
                    Map.of(c.id(), "applicant"),
                    status == ProspectStatus.LEASED ? Application.Status.APPROVED : Application.Status.SUBMITTED,
                    applied,
                    Optional.of(applied),
                    Set.of());
            out.records.application(a);
            out.happened(new Happening.Applied(applied, a, c.id()));
        }
    }
}
