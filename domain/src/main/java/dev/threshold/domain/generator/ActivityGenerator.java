package dev.threshold.domain.generator;

import dev.threshold.domain.addon.AddOn;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The coming days of a synthetic portfolio, as engine events, oldest first: what a stabilised portfolio of
 * this size sees in a year. New leads every day (from listing sites, the website's form, calls, walk-ins and
 * referrals; about a third after office hours), tours booked, completed, missed, cancelled and rescheduled,
 * renter profiles, applications approved or denied, leases signed and moved into, accounts set up; work
 * orders with their completion (some late, and then overdue), feedback after repairs and in the quarterly
 * survey, check-ins; rent charged and paid (some late, some by autopay); portal logins, and residents who
 * stop logging in; renewal decisions for every lease that ends (renewed, declined, silent), notices with their
 * reasons, rescinded notices, move-outs and the homes they free; household changes, add-ons available and
 * bought, referrals, reviews, consent withdrawn; open houses; and a few HOA members and business clients with
 * their dues, milestones and new properties.
 *
 * <p>It is generated day by day as the stream is read: only the people, leases and the few weeks of already
 * decided happenings are held, so a year of a 100,000-resident portfolio streams in a modest heap. The same
 * portfolio, seed and days always give the same events (one {@code SplittableRandom} stream per community
 * and day, no clock). New people (leads, open-house guests, HOA members, business clients) have ids the
 * portfolio does not know; {@link #newcomer} makes their contact record from the event that introduces them.
 *
 * <pre>{@code
 * SyntheticPortfolio p = PortfolioGenerator.generate(7, 2_000, LocalDate.of(2027, 3, 1));
 * ActivityGenerator.activity(p, 7, p.today(), 365).forEach(ingest);
 * }</pre>
 */
public final class ActivityGenerator {
    /** Leads a day per unit: enough for a stabilised portfolio to re-let what moves out. */
    static final double LEADS_PER_UNIT_DAY = 0.013;
    /** Work orders a year per household. */
    static final double WORK_ORDERS_PER_YEAR = 4.0;
    /** Share of households whose home keeps breaking: they open work orders five times as often. */
    static final double TROUBLED_SHARE = 0.05;

    private static final List<String> ILS = List.of("Zillow", "Apartments.com", "Rent.", "Apartment List");
    private static final List<String> CATEGORIES =
            List.of("plumbing", "appliance", "hvac", "electrical", "doors-locks", "pest", "general");
    private static final List<String> DEVICES = List.of("ios", "android", "web");

    private ActivityGenerator() {}

    /**
     * The events of the portfolio's life from {@code from} (inclusive) for {@code days} days, oldest first,
     * generated lazily.
     *
     * @throws IllegalArgumentException when {@code days} is negative
     */
    public static Stream<Event> activity(SyntheticPortfolio portfolio, long seed, LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, not " + days);
        }
        Iterator<Event> it = new Iterator<>() {
            Run run;
            final ArrayDeque<Event> ready = new ArrayDeque<>();
            int day;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && day < days) {
                    if (run == null) {
                        run = new Run(portfolio, seed, from);
                    }
                    run.day(from.plusDays(day), day == days - 1, ready);
                    day++;
                }
                return !ready.isEmpty();
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The contact record of a person the activity introduces (a lead, a guest at an open house, an HOA member,
     * a business client), made from the event that introduces them; empty for anyone else. The same event
     * always gives the same person.
     */
    public static Optional<Contact> newcomer(SyntheticPortfolio portfolio, Event event) {
        String id = event.contact().orElse("");
        if (!id.startsWith("A") || !id.contains("-")) {
            return Optional.empty();
        }
        Role role = switch (event.type()) {
            case "lead.created", "form.submitted", "event.attended" -> Role.PROSPECT;
            case "hoa_member.added" -> Role.HOA_MEMBER;
            case "client.signed" -> Role.BUSINESS_CLIENT;
            default -> null;
        };
        if (role == null) {
            return Optional.empty();
        }
        Optional<Community> community = event.community()
                .flatMap(c -> portfolio.changes().communities().stream()
                        .filter(x -> x.id().equals(c))
                        .findFirst());
        ZoneId zone = community.map(Community::timezone).orElse(ZoneId.of("America/Chicago"));
        Draw d = Draw.of(portfolio.seed(), "newcomer:" + id, id.hashCode());
        String first = d.pick(Names.FIRST);
        String last = d.pick(Names.LAST);
        List<ContactPoint> points = new ArrayList<>();
        points.add(new ContactPoint(
                ContactPoint.Kind.EMAIL,
                (first + "." + last + "." + id)
                                .toLowerCase(java.util.Locale.ROOT)
                                .replaceAll("[^a-z0-9.-]", "") + "@example.net",
                false));
        List<Consent> consents = new ArrayList<>();
        Instant at = event.occurredAt();
        consents.add(new Consent(Channel.EMAIL, Purpose.TRANSACTIONAL, true, event.type(), at));
        consents.add(new Consent(Channel.EMAIL, Purpose.MARKETING, d.chance(0.8), event.type(), at));
        if (d.chance(0.75)) {
            points.add(new ContactPoint(
                    ContactPoint.Kind.PHONE,
                    "+1557" + String.format("%07d", Math.floorMod((long) id.hashCode() * 31, 10_000_000L)),
                    false));
            consents.add(new Consent(Channel.SMS, Purpose.TRANSACTIONAL, true, event.type(), at));
            consents.add(new Consent(Channel.SMS, Purpose.MARKETING, d.chance(0.6), event.type(), at));
        }
        Preferences prefs = role == Role.PROSPECT ? preferencesOf(event.data()) : Preferences.none();
        LocalDate since = at.atZone(zone).toLocalDate();
        return Optional.of(new Contact(
                id,
                first,
                last,
                List.of(new RoleSpan(role, event.community(), since, Optional.empty())),
                points,
                consents,
                Optional.of(zone),
                "en",
                event.community(),
                prefs,
                Map.of("crm", id)));
    }

    private static Preferences preferencesOf(Map<String, Object> data) {
        Map<String, Object> f = new HashMap<>();
        for (String k : List.of("budget_max", "bedrooms", "move_date", "vehicles")) {
            if (data.get(k) != null) {
                f.put(k, data.get(k));
            }
        }
        if (Boolean.TRUE.equals(data.get("pets")) && data.get("pet_types") instanceof List<?> kinds) {
            f.put("pets", String.join(",", kinds.stream().map(Object::toString).toList()));
        }
        try {
            return Preferences.fromFields(f);
        } catch (IllegalArgumentException e) {
            return Preferences.none();
        }
    }

    /** A resident household on a lease, with the habits the generator gives it. */
    private static final class Household {
        final Community community;
        final String contact;
        final String unit;
        final int bedrooms;
        Lease lease;
        LocalDate end;
        double rent;
        boolean onNotice;
        String reason = "";
        boolean gone;
        boolean autopay;
        final boolean portalUser;
        final LocalDate stopsLoggingIn;
        final boolean troubled;
        int index = -1;
        int renewals;

        Household(Community community, Lease lease, int bedrooms, long seed) {
            this.community = community;
            this.contact = lease.primary();
            this.unit = lease.unit();
            this.bedrooms = bedrooms;
            this.lease = lease;
            this.end = lease.end();
            this.rent = lease.rent().toNumber();
            this.onNotice = lease.noticeOn().isPresent();
            Draw d = Draw.of(seed, "household", lease.id().hashCode());
            this.autopay = d.chance(0.4);
            this.portalUser = d.chance(0.65);
            this.stopsLoggingIn = d.chance(0.12) ? lease.start().plusDays(d.between(30, 420)) : LocalDate.MAX;
            this.troubled = d.chance(TROUBLED_SHARE);
        }
    }

    /** One community's state: who lives there, which homes are free, its add-ons. */
    private static final class Place {
        final int index;
        final Community community;
        final Map<String, FloorPlan> plans = new LinkedHashMap<>();
        final List<Unit> units = new ArrayList<>();
        final Map<String, Unit> unitById = new HashMap<>();
        final ArrayDeque<String> free = new ArrayDeque<>();
        final List<AddOn> addOns = new ArrayList<>();
        final List<Household> households = new ArrayList<>();
        final List<Household> troubled = new ArrayList<>();
        int newcomers;

        Place(int index, Community community) {
            this.index = index;
            this.community = community;
        }

        void add(Household h) {
            h.index = households.size();
            households.add(h);
            if (h.troubled) {
                troubled.add(h);
            }
        }

        void remove(Household h) {
            h.gone = true;
            int i = h.index;
            Household last = households.remove(households.size() - 1);
            if (last != h) {
                households.set(i, last);
                last.index = i;
            }
            troubled.remove(h);
        }

        int bedroomsOf(String unit) {
            Unit u = unitById.get(unit);
            FloorPlan p = u == null ? null : plans.get(u.floorPlan());
            return p == null ? 1 : p.bedrooms();
        }
    }

    private record Pending(Instant at, long seq, Event event) {}

    private record Client(String id, String contact, Place place, String[] tier, int[] properties) {}

    /** The generator's state from one day to the next. */
    private static final class Run {
        final SyntheticPortfolio portfolio;
        final long seed;
        final List<Place> places = new ArrayList<>();
        final Map<String, Place> placeById = new HashMap<>();
        final Map<LocalDate, List<Household>> decisions = new HashMap<>();
        final Map<LocalDate, List<Household>> endings = new HashMap<>();
        final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> {
            int c = a.at().compareTo(b.at());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        });
        final List<Client> clients = new ArrayList<>();
        final List<String[]> hoaMembers = new ArrayList<>();
        long seq;
        LocalDate today;
        final double scale;
        int clientCount;
        int hoaCount;

        Run(SyntheticPortfolio portfolio, long seed, LocalDate from) {
            this.portfolio = portfolio;
            this.seed = seed;
            this.today = from;
            this.scale = Math.max(1.0, portfolio.summary().getOrDefault("residents", 0) / 20_000.0);
            var changes = portfolio.changes();
            for (Community c : changes.communities()) {
                Place p = new Place(places.size(), c);
                places.add(p);
                placeById.put(c.id(), p);
            }
            changes.floorPlans().forEach(f -> placeById.get(f.community()).plans.put(f.id(), f));
            for (Unit u : changes.units()) {
                Place p = placeById.get(u.community());
                p.units.add(u);
                p.unitById.put(u.id(), u);
                if (u.status().leasable() && !u.status().name().equals("NOTICE_UNRENTED")) {
                    p.free.add(u.id());
                }
            }
            changes.addOns().forEach(a -> placeById.get(a.community()).addOns.add(a));
            for (Lease l : changes.leases()) {
                if (l.activeOn(from) && !l.end().isBefore(from)) {
                    Place p = placeById.get(l.community());
                    Household h = new Household(p.community, l, p.bedroomsOf(l.unit()), seed);
                    p.add(h);
                    if (h.onNotice) {
                        endings.computeIfAbsent(h.end, k -> new ArrayList<>()).add(h);
                    } else {
                        planDecision(h, from);
                    }
                }
            }
        }

        void planDecision(Household h, LocalDate day) {
            LocalDate on = h.end.minusDays(70);
            if (on.isBefore(day)) {
                long left = ChronoUnit.DAYS.between(day, h.end);
                on = day.plusDays(left > 14 ? Math.floorMod(h.lease.id().hashCode(), 7) : 0);
            }
            decisions.computeIfAbsent(on, k -> new ArrayList<>()).add(h);
            // the property-management system sends the renewal offer three months ahead
            LocalDate offered = h.end.minusDays(95).isBefore(day) ? day : h.end.minusDays(95);
            if (offered.isBefore(h.end)) {
                Place p = placeById.get(h.community.id());
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("lease_id", h.lease.id());
                o.put("term_months", 12L);
                o.put("monthly_rent", (double) Math.round(h.rent * 1.04));
                o.put("current_rent", h.rent);
                o.put(
                        "expires_on",
                        h.end.minusDays(30).isBefore(offered)
                                ? h.end.toString()
                                : h.end.minusDays(30).toString());
                emit(local(p, offered, 10, 0), h.contact, p, "renewal.offered", "lease", h.lease.id(), o);
            }
        }

        /** Generates one day and hands over every event due before the next day can start anywhere. */
        void day(LocalDate date, boolean last, ArrayDeque<Event> out) {
            today = date;
            int dayIndex = (int) date.toEpochDay();
            for (Place p : places) {
                Draw d = Draw.of(seed, "activity:" + p.index, dayIndex);
                leads(p, date, d);
                residents(p, date, d);
            }
            portfolioWide(date, Draw.of(seed, "activity:portfolio", dayIndex));
            for (Household h : take(decisions, date)) {
                if (!h.gone) {
                    decide(h, date, Draw.of(seed, "renewal:" + h.lease.id(), h.renewals));
                }
            }
            for (Household h : take(endings, date)) {
                if (!h.gone && h.onNotice && h.end.equals(date)) {
                    moveOut(h, date, Draw.of(seed, "moveout:" + h.lease.id(), dayIndex));
                }
            }
            Instant cutoff = null;
            for (Place p : places) {
                Instant next =
                        date.plusDays(1).atStartOfDay(p.community.timezone()).toInstant();
                cutoff = cutoff == null || next.isBefore(cutoff) ? next : cutoff;
            }
            while (!pending.isEmpty() && (last || pending.peek().at().isBefore(cutoff))) {
                Pending next = pending.poll();
                if (last && !next.at().isBefore(end(date))) {
                    pending.clear();
                    break;
                }
                out.add(next.event());
            }
        }

        Instant end(LocalDate lastDay) {
            Instant latest = Instant.MIN;
            for (Place p : places) {
                Instant e =
                        lastDay.plusDays(1).atStartOfDay(p.community.timezone()).toInstant();
                latest = e.isAfter(latest) ? e : latest;
            }
            return latest;
        }

        static List<Household> take(Map<LocalDate, List<Household>> plan, LocalDate date) {
            List<Household> l = plan.remove(date);
            return l == null ? List.of() : l;
        }

        // ---- prospects -------------------------------------------------------------------------------------

        void leads(Place p, LocalDate date, Draw d) {
            int n = poisson(d, p.units.size() * LEADS_PER_UNIT_DAY);
            for (int i = 0; i < n; i++) {
                lead(p, date, d, Optional.empty());
            }
            if (date.getDayOfWeek() == DayOfWeek.SATURDAY && date.getDayOfMonth() <= 7) {
                openHouse(p, date, d);
            }
        }

        String newcomerId(Place p, LocalDate date) {
            return "A" + (p.index + 1) + "-" + date.toEpochDay() + "-" + (++p.newcomers);
        }

        void lead(Place p, LocalDate date, Draw d, Optional<String[]> referral) {
            String who = newcomerId(p, date);
            boolean afterHours = d.chance(0.32);
            Instant at = afterHours
                    ? local(p, date, d.chance(0.5) ? d.between(19, 23) : d.between(6, 8), d.between(0, 59))
                    : local(p, date, d.between(9, 17), d.between(0, 59));
            FloorPlan plan = d.pick(List.copyOf(p.plans.values()));
            String source = referral.isPresent()
                    ? "referral"
                    : List.of("ils", "website", "phone", "walk-in", "chat", "other")
                            .get(d.weighted(42, 30, 12, 6, 6, 4));
            Map<String, Object> data = new LinkedHashMap<>();
            double budget = Math.round(plan.marketRent().toNumber() * d.between(0.9, 1.25) / 50.0) * 50.0;
            LocalDate moveDate = date.plusDays(d.between(10, 90));
            boolean pets = d.chance(0.4);
            if (source.equals("website") && d.chance(0.7)) {
                data.put("form", "contact-us");
                data.put("page", "/floor-plans/" + plan.id().toLowerCase(java.util.Locale.ROOT));
                data.put("first_name", d.pick(Names.FIRST));
                data.put("email", who.toLowerCase(java.util.Locale.ROOT) + "@example.net");
                if (d.chance(0.8)) {
                    data.put("budget", "around $" + (long) budget);
                }
                if (d.chance(0.8)) {
                    data.put("bedrooms", plan.bedrooms() == 0 ? "studio" : String.valueOf(plan.bedrooms()));
                }
                if (d.chance(0.7)) {
                    data.put("move_in", moveDate.toString());
                }
                data.put("pets", pets ? "one small dog" : "no pets");
                if (d.chance(0.6)) {
                    data.put("tour_preference", d.pick(List.of("in person", "self-guided", "video")));
                }
                data.put("message", "Hi, is the " + plan.name() + " still available?");
                emit(at, who, p, "form.submitted", "form", who + "-form", data);
            } else {
                data.put("source", source);
                if (source.equals("ils")) {
                    data.put("ils", d.pick(ILS));
                }
                data.put("channel", afterHours ? "email" : d.pick(List.of("email", "sms", "phone")));
                if (d.chance(0.85)) {
                    data.put("budget_max", budget);
                }
                data.put("bedrooms", (long) plan.bedrooms());
                if (d.chance(0.75)) {
                    data.put("move_date", moveDate.toString());
                }
                data.put("pets", pets);
                if (pets) {
                    data.put("pet_types", List.of(d.pick(List.of("dog", "cat"))));
                }
                data.put("vehicles", (long) d.weighted(15, 60, 25));
                data.put(
                        "tour_preference",
                        List.of("in-person", "self-guided", "virtual").get(d.weighted(65, 25, 10)));
                referral.ifPresent(r -> data.put("referral_code", r[0]));
                emit(at, who, p, "lead.created", "guest_card", "GC-" + who, data);
                if (!source.equals("website") && d.chance(0.3)) {
                    Map<String, Object> q = new LinkedHashMap<>();
                    q.put("budget_max", budget);
                    q.put("bedrooms", (long) plan.bedrooms());
                    q.put("move_date", moveDate.toString());
                    q.put("pets", pets);
                    q.put("qualified_by", "agent");
                    emit(
                            at.plusSeconds(3600L * d.between(1, 20)),
                            who,
                            p,
                            "guestcard.qualified",
                            "guest_card",
                            "GC-" + who,
                            q);
                }
            }
            Instant t = at;
            if (d.chance(0.2)) {
                t = at.plusSeconds(3600L * d.between(1, 60));
                profile(p, who, plan, moveDate, t, d);
            }
            if (d.chance(0.45)) {
                tour(p, who, plan, moveDate, t.plusSeconds(3600L * d.between(1, 72)), d, 1);
            }
        }

        void profile(Place p, String who, FloorPlan plan, LocalDate moveDate, Instant at, Draw d) {
            String id = "PR-" + who;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("profile_id", id);
            data.put("source", "website");
            data.put("completed", List.of("contact"));
            data.put("missing", List.of("income", "id", "references"));
            data.put("floor_plan", plan.id());
            data.put("move_date", moveDate.toString());
            emit(at, who, p, "profile.created", "profile", id, data);
            if (d.chance(0.5)) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("profile_id", id);
                u.put("step", "income");
                u.put("completed", List.of("contact", "income", "id", "references"));
                u.put("missing", List.of());
                emit(at.plusSeconds(3600L * d.between(4, 96)), who, p, "profile.updated", "profile", id, u);
            }
        }

        void tour(Place p, String who, FloorPlan plan, LocalDate moveDate, Instant booked, Draw d, int attempt) {
            String id = "T-" + who + "-" + attempt;
            LocalDate day = booked.atZone(p.community.timezone()).toLocalDate().plusDays(d.between(1, 6));
            Instant starts = local(p, day, d.between(10, 17), d.chance(0.5) ? 0 : 30);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("tour_id", id);
            b.put("starts_at", starts.toString());
            b.put("kind", List.of("in-person", "self-guided", "virtual").get(d.weighted(70, 22, 8)));
            b.put("floor_plan", plan.id());
            b.put("booked_via", d.pick(List.of("website", "ils", "phone", "agent")));
            emit(booked, who, p, "tour.booked", "tour", id, b);
            int outcome = d.weighted(66, 14, 10, 10);
            if (outcome == 3) {
                Instant moved = starts.plusSeconds(86_400L * d.between(1, 4));
                emit(
                        after(starts.minusSeconds(3600L * d.between(3, 20)), booked),
                        who,
                        p,
                        "tour.rescheduled",
                        "tour",
                        id,
                        Map.of("tour_id", id, "starts_at", moved.toString(), "previous_starts_at", starts.toString()));
                starts = moved;
                outcome = d.chance(0.85) ? 0 : 1;
            }
            switch (outcome) {
                case 0 -> {
                    String interest = List.of("high", "medium", "low").get(d.weighted(35, 45, 20));
                    emit(
                            starts.plusSeconds(2700),
                            who,
                            p,
                            "tour.completed",
                            "tour",
                            id,
                            Map.of("tour_id", id, "interest", interest));
                    double apply = interest.equals("high") ? 0.6 : interest.equals("medium") ? 0.4 : 0.1;
                    if (d.chance(apply)) {
                        apply(p, who, plan, moveDate, starts.plusSeconds(3600L * d.between(3, 96)), d);
                    }
                }
                case 1 -> {
                    emit(
                            starts.plusSeconds(1800),
                            who,
                            p,
                            "tour.no_show",
                            "tour",
                            id,
                            Map.of("tour_id", id, "starts_at", starts.toString()));
                    if (attempt == 1 && d.chance(0.3)) {
                        tour(p, who, plan, moveDate, starts.plusSeconds(3600L * d.between(20, 72)), d, 2);
                    }
                }
                default ->
                    emit(
                            after(starts.minusSeconds(3600L * d.between(2, 30)), booked),
                            who,
                            p,
                            "tour.cancelled",
                            "tour",
                            id,
                            Map.of(
                                    "tour_id",
                                    id,
                                    "reason",
                                    d.pick(List.of("leased elsewhere", "schedule", "price")),
                                    "by",
                                    "prospect"));
            }
        }

        void apply(Place p, String who, FloorPlan plan, LocalDate moveDate, Instant at, Draw d) {
            String id = "APP-" + who;
            if (d.chance(0.6)) {
                emit(
                        at,
                        who,
                        p,
                        "application.started",
                        "application",
                        id,
                        Map.of(
                                "application_id",
                                id,
                                "floor_plan",
                                plan.id(),
                                "applicants",
                                1L,
                                "missing",
                                List.of("income", "id")));
                at = at.plusSeconds(3600L * d.between(1, 72));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("application_id", id);
            s.put("floor_plan", plan.id());
            s.put("applicants", (long) d.between(1, 2));
            s.put("move_date", moveDate.toString());
            s.put("fee", 50.0);
            emit(at, who, p, "application.submitted", "application", id, s);
            Instant decided = at.plusSeconds(3600L * d.between(18, 72));
            if (!d.chance(0.86)) {
                emit(
                        decided,
                        who,
                        p,
                        "application.denied",
                        "application",
                        id,
                        Map.of("application_id", id, "reason", d.pick(List.of("income", "credit", "rental-history"))));
                return;
            }
            emit(
                    decided,
                    who,
                    p,
                    "application.approved",
                    "application",
                    id,
                    Map.of("application_id", id, "deposit", 500.0));
            if (!d.chance(0.85) || p.free.isEmpty()) {
                return;
            }
            String unit = p.free.poll();
            Unit u = p.unitById.get(unit);
            Instant signed = decided.plusSeconds(3600L * d.between(4, 96));
            LocalDate signedOn = signed.atZone(p.community.timezone()).toLocalDate();
            LocalDate planned = signedOn.plusDays(d.between(7, 30));
            LocalDate start = d.chance(0.06) ? planned.plusDays(d.between(3, 14)) : planned;
            int term = List.of(12, 12, 12, 6, 15).get(d.between(0, 4));
            Money rent = u.marketRent().isPositive() ? u.marketRent() : plan.marketRent();
            Lease lease = new Lease(
                    "L-" + who,
                    p.community.id(),
                    unit,
                    List.of(who),
                    start,
                    start.plusMonths(term).minusDays(1),
                    rent,
                    signedOn,
                    Lease.Kind.NEW,
                    Optional.empty());
            Map<String, Object> signedData = leaseSigned(lease, term, plan.id());
            if (!start.equals(planned)) {
                // the move-in moves: signed for the planned day, then updated
                signedData.put("start_date", planned.toString());
                signedData.put("move_in_date", planned.toString());
                Map<String, Object> upd = new LinkedHashMap<>();
                upd.put("lease_id", lease.id());
                upd.put("start_date", start.toString());
                upd.put("end_date", lease.end().toString());
                upd.put("move_in_date", start.toString());
                upd.put("change", "move-in date");
                Instant updated = local(p, signedOn.plusDays(d.between(1, 5)), d.between(9, 17), 0);
                emit(after(updated, signed), who, p, "lease.updated", "lease", lease.id(), upd);
            }
            emit(signed, who, p, "lease.signed", "lease", lease.id(), signedData);
            emit(
                    signed.plusSeconds(600),
                    who,
                    p,
                    "resident.created",
                    "lease",
                    lease.id(),
                    Map.of("resident_id", who, "lease_id", lease.id(), "unit", unit, "move_in_date", start.toString()));
            Instant movedIn = local(p, start, d.between(10, 16), 0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lease_id", lease.id());
            m.put("unit", unit);
            m.put("move_in_date", start.toString());
            m.put("vehicles", (long) d.weighted(15, 60, 25));
            m.put("pets", (long) d.weighted(65, 25, 10));
            emit(movedIn, who, p, "movein.completed", "lease", lease.id(), m);
            if (d.chance(0.8)) {
                emit(
                        signed.plusSeconds(3600L * d.between(2, 200)),
                        who,
                        p,
                        "portal.activated",
                        "",
                        "",
                        Map.of("method", "invite-link"));
            }
            if (d.chance(0.7)) {
                emit(
                        signed.plusSeconds(3600L * d.between(2, 300)),
                        who,
                        p,
                        "payment_method.added",
                        "payment_method",
                        "PM-" + who,
                        Map.of("method", d.chance(0.7) ? "bank-account" : "card", "autopay_eligible", true));
            }
            if (d.chance(0.25) && !p.addOns.isEmpty()) {
                purchase(p, who, lease.id(), movedIn.plusSeconds(86_400L * d.between(1, 30)), d);
            }
            Household h = new Household(p.community, lease, plan.bedrooms(), seed);
            // the household lives there from the move-in: it is added when the day comes
            pendingMoveIns.computeIfAbsent(start, k -> new ArrayList<>()).add(new Object[] {p, h});
        }

        final Map<LocalDate, List<Object[]>> pendingMoveIns = new HashMap<>();

        Map<String, Object> leaseSigned(Lease lease, int term, String floorPlan) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lease_id", lease.id());
            d.put("start_date", lease.start().toString());
            d.put("end_date", lease.end().toString());
            d.put("move_in_date", lease.start().toString());
            d.put("monthly_rent", lease.rent().toNumber());
            d.put("term_months", (long) term);
            d.put("unit", lease.unit());
            if (floorPlan != null) {
                d.put("floor_plan", floorPlan);
            }
            d.put("kind", lease.kind().name().toLowerCase(java.util.Locale.ROOT));
            return d;
        }

        void openHouse(Place p, LocalDate date, Draw d) {
            String event = "OH-" + p.community.id() + "-" + date;
            int guests = d.between(2, 7);
            for (int i = 0; i < guests; i++) {
                String who = newcomerId(p, date);
                Instant at = local(p, date, d.between(11, 13), d.between(0, 59));
                emit(
                        at,
                        who,
                        p,
                        "event.attended",
                        "community_event",
                        event,
                        Map.of(
                                "event_id",
                                event,
                                "event_name",
                                "Open house",
                                "kind",
                                d.chance(0.85) ? "open-house" : "virtual-event"));
                if (d.chance(0.2)) {
                    FloorPlan plan = d.pick(List.copyOf(p.plans.values()));
                    apply(
                            p,
                            who,
                            plan,
                            date.plusDays(d.between(20, 60)),
                            at.plusSeconds(86_400L * d.between(1, 20)),
                            d);
                }
            }
        }

        // ---- residents -------------------------------------------------------------------------------------

        void residents(Place p, LocalDate date, Draw d) {
            for (Object[] m : take2(pendingMoveIns, date, p)) {
                Household h = (Household) m[1];
                p.add(h);
                planDecision(h, date);
            }
            List<Household> hs = p.households;
            if (hs.isEmpty()) {
                return;
            }
            int n = hs.size();
            int orders = poisson(d, n * WORK_ORDERS_PER_YEAR / 365.0);
            for (int i = 0; i < orders; i++) {
                workOrder(p, d.pick(hs), date, d);
            }
            if (!p.troubled.isEmpty()) {
                int more = poisson(d, p.troubled.size() * WORK_ORDERS_PER_YEAR * 4 / 365.0);
                for (int i = 0; i < more; i++) {
                    workOrder(p, d.pick(p.troubled), date, d);
                }
            }
            int logins = poisson(d, n * 0.65 / 4.0);
            for (int i = 0; i < logins; i++) {
                Household h = d.pick(hs);
                if (h.portalUser && date.isBefore(h.stopsLoggingIn)) {
                    emit(
                            local(p, date, d.between(6, 22), d.between(0, 59)),
                            h.contact,
                            p,
                            "portal.login",
                            "",
                            "",
                            Map.of("device", d.pick(DEVICES), "method", d.chance(0.8) ? "password" : "magic-link"));
                }
            }
            for (int i = poisson(d, n * 0.07 / 365.0); i > 0; i--) {
                household(p, d.pick(hs), date, d);
            }
            for (int i = poisson(d, n * 0.05 / 365.0); i > 0; i--) {
                Household h = d.pick(hs);
                if (!p.addOns.isEmpty()) {
                    purchase(p, h.contact, h.lease.id(), local(p, date, d.between(9, 20), 0), d);
                }
            }
            for (int i = poisson(d, n * 0.03 / 365.0); i > 0; i--) {
                Household h = d.pick(hs);
                String code = "REF-" + h.contact;
                Instant at = local(p, date, d.between(9, 21), d.between(0, 59));
                emit(
                        at,
                        h.contact,
                        p,
                        "referral.submitted",
                        "referral",
                        code + "-" + date.toEpochDay(),
                        Map.of("referral_code", code, "referrer", h.contact, "referred_name", d.pick(Names.FIRST)));
                lead(p, date.plusDays(d.between(0, 3)), d, Optional.of(new String[] {code}));
            }
            for (int i = poisson(d, n * 0.05 / 365.0); i > 0; i--) {
                Household h = d.pick(hs);
                double rating = d.weighted(6, 4, 8, 30, 52) + 1;
                emit(
                        local(p, date, d.between(8, 22), 0),
                        h.contact,
                        p,
                        "review.posted",
                        "",
                        "",
                        Map.of("site", d.pick(List.of("Google", "Yelp", "ApartmentRatings")), "rating", rating));
            }
            for (int i = poisson(d, n * 0.48 / 365.0); i > 0; i--) {
                // the quarterly resident survey, answered through the year
                Household h = d.pick(hs);
                int score = d.weighted(2, 1, 2, 3, 4, 6, 8, 12, 18, 22, 22);
                emit(
                        local(p, date, d.between(8, 21), 0),
                        h.contact,
                        p,
                        "feedback.submitted",
                        "lease",
                        h.lease.id(),
                        Map.of("score", (long) score, "topic", "resident-survey", "sentiment", sentiment(score)));
            }
            for (int i = poisson(d, n * 0.005 / 365.0); i > 0; i--) {
                Household h = d.pick(hs);
                emit(
                        local(p, date, d.between(9, 21), 0),
                        h.contact,
                        p,
                        "consent.changed",
                        "",
                        "",
                        Map.of(
                                "channel",
                                "sms",
                                "purpose",
                                "marketing",
                                "granted",
                                false,
                                "source",
                                "preference-center"));
            }
            if (date.getDayOfMonth() == 1 && !p.addOns.isEmpty()) {
                List<AddOn> parking = p.addOns.stream()
                        .filter(a -> a.kind().id().equals("parking"))
                        .toList();
                AddOn a = parking.isEmpty() ? d.pick(p.addOns) : d.pick(parking);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("addon", a.id());
                m.put("kind", a.kind().id());
                m.put("name", a.name());
                m.put("monthly_fee", a.monthlyFee().toNumber());
                m.put("remaining", (long) d.between(1, 4));
                emitCommunity(local(p, date, 9, 0), p, "addon.available", "addon", a.id() + "-" + date, m);
            }
            if (date.getDayOfMonth() == 20) {
                LocalDate due = date.plusMonths(1).withDayOfMonth(1);
                for (Household h : List.copyOf(hs)) {
                    if (!h.end.isBefore(due)) {
                        rent(p, h, date, due, d);
                    }
                }
            }
            for (Household h : hs) {
                if (!h.autopay && d.chance(0.05 / 365.0)) {
                    h.autopay = true;
                    emit(
                            local(p, date, d.between(8, 22), 0),
                            h.contact,
                            p,
                            "autopay.enrolled",
                            "lease",
                            h.lease.id(),
                            Map.of(
                                    "method",
                                    "bank-account",
                                    "starts_on",
                                    date.plusDays(7).toString()));
                }
            }
        }

        static List<Object[]> take2(Map<LocalDate, List<Object[]>> plan, LocalDate date, Place p) {
            List<Object[]> l = plan.get(date);
            if (l == null) {
                return List.of();
            }
            List<Object[]> mine = new ArrayList<>();
            l.removeIf(o -> {
                if (o[0] == p) {
                    mine.add(o);
                    return true;
                }
                return false;
            });
            if (l.isEmpty()) {
                plan.remove(date);
            }
            return mine;
        }

        void rent(Place p, Household h, LocalDate date, LocalDate due, Draw d) {
            String period = due.toString().substring(0, 7);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("amount", h.rent);
            c.put("due_date", due.toString());
            c.put("period", period);
            c.put("late_after", due.plusDays(3).toString());
            c.put("autopay", h.autopay);
            emit(local(p, date, 6, 0), h.contact, p, "rent.charged", "lease", h.lease.id() + ":" + period, c);
            boolean late = !h.autopay && d.chance(0.12);
            Instant paid = h.autopay
                    ? local(p, due, 3, 0)
                    : late
                            ? local(p, due.plusDays(d.between(5, 14)), d.between(8, 22), 0)
                            : local(p, due.minusDays(d.between(-2, 4)), d.between(8, 22), 0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("amount", h.rent);
            m.put("period", period);
            m.put("due_date", due.toString());
            m.put("method", h.autopay || d.chance(0.7) ? "bank-account" : "card");
            m.put("channel", h.autopay ? "autopay" : d.pick(List.of("portal", "app", "office")));
            m.put("online", true);
            m.put("late", late);
            pending(
                    paid,
                    event(
                            paid,
                            h.contact,
                            p,
                            "payment.made",
                            "payment",
                            "PAY-" + h.lease.id() + ":" + period,
                            m,
                            Map.of("lease", h.lease.id())));
        }

        void workOrder(Place p, Household h, LocalDate date, Draw d) {
            String id = "WO-" + h.lease.id() + "-" + date.toEpochDay() + "-" + d.between(100, 999);
            String priority = List.of("emergency", "urgent", "routine").get(d.weighted(8, 22, 70));
            String category = d.pick(CATEGORIES);
            Instant at = priority.equals("emergency")
                    ? local(p, date, d.between(0, 23), d.between(0, 59))
                    : local(p, date, d.between(7, 21), d.between(0, 59));
            LocalDate promised = date.plusDays(priority.equals("emergency") ? 0 : priority.equals("urgent") ? 1 : 3);
            Map<String, String> subject = Map.of("work_order", id, "unit", h.unit);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("work_order_id", id);
            c.put("category", category);
            c.put("priority", priority);
            c.put("promised_for", promised.toString());
            c.put("permission_to_enter", d.chance(0.7));
            pending(at, event(at, h.contact, p, "workorder.created", "work_order", id, c, subject));
            boolean late = d.chance(h.troubled ? 0.35 : 0.13);
            Instant done;
            if (late) {
                Instant overdue = local(p, promised.plusDays(1), 9, 0);
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("work_order_id", id);
                o.put("promised_for", promised.toString());
                o.put("category", category);
                o.put("priority", priority);
                o.put("days_overdue", 1L);
                pending(overdue, event(overdue, h.contact, p, "workorder.overdue", "work_order", id, o, subject));
                if (d.chance(h.troubled ? 0.5 : 0.15)) {
                    // a text back to the office's number, which the runtime reads as sms.replied
                    Instant texted = overdue.plusSeconds(3600L * d.between(1, 10));
                    pending(
                            texted,
                            event(
                                    texted,
                                    h.contact,
                                    p,
                                    "sms.received",
                                    "",
                                    "",
                                    Map.of(
                                            "body",
                                            d.pick(List.of(
                                                    "Still waiting on the repair, this is really frustrating",
                                                    "Nobody came today. Again.",
                                                    "When is someone coming? It's been days"))),
                                    Map.of()));
                }
                done = local(p, promised.plusDays(d.between(2, 7)), d.between(9, 17), 0);
            } else {
                long hours = Math.max(1, ChronoUnit.HOURS.between(at, local(p, promised, 17, 0)));
                done = at.plusSeconds(3600L * d.between(1, (int) Math.min(hours, 72)));
            }
            pending(
                    done,
                    event(
                            done,
                            h.contact,
                            p,
                            "workorder.completed",
                            "work_order",
                            id,
                            Map.of(
                                    "work_order_id",
                                    id,
                                    "category",
                                    category,
                                    "promised_for",
                                    promised.toString(),
                                    "on_time",
                                    !late),
                            subject));
            if (d.chance(0.35)) {
                int score = late ? d.between(1, 8) : d.weighted(1, 1, 1, 1, 2, 3, 5, 10, 20, 26, 30);
                Instant fb = done.plusSeconds(3600L * d.between(1, 36));
                pending(
                        fb,
                        event(
                                fb,
                                h.contact,
                                p,
                                "feedback.submitted",
                                "work_order",
                                id,
                                Map.of(
                                        "score",
                                        (long) score,
                                        "topic",
                                        "maintenance",
                                        "work_order_id",
                                        id,
                                        "sentiment",
                                        sentiment(score)),
                                Map.of("work_order", id)));
            } else if (d.chance(0.15)) {
                String answer = late && d.chance(0.6) ? "negative" : d.pick(List.of("positive", "positive", "neutral"));
                Instant ci = done.plusSeconds(3600L * d.between(20, 60));
                pending(
                        ci,
                        event(
                                ci,
                                h.contact,
                                p,
                                "checkin.answered",
                                "work_order",
                                id,
                                Map.of("checkin", "post-repair", "answer", answer, "work_order_id", id),
                                Map.of("work_order", id)));
            }
        }

        void household(Place p, Household h, LocalDate date, Draw d) {
            String change = List.of("vehicle", "pet", "storage", "space", "insurance", "other")
                    .get(d.weighted(35, 20, 15, 15, 10, 5));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", change);
            switch (change) {
                case "vehicle" -> {
                    m.put("vehicles", (long) d.between(1, 3));
                    m.put("electric_vehicle", d.chance(0.25));
                }
                case "pet" -> {
                    m.put("pets", (long) d.between(1, 2));
                    m.put("pet_types", List.of(d.pick(List.of("dog", "cat"))));
                }
                case "storage" -> m.put("storage", true);
                case "space" -> m.put("bedrooms_needed", (long) Math.min(4, h.bedrooms + 1));
                case "insurance" -> m.put("renters_insurance", true);
                default -> m.put("comment", "new roommate");
            }
            emit(local(p, date, d.between(9, 21), 0), h.contact, p, "household.updated", "lease", h.lease.id(), m);
        }

        void purchase(Place p, String who, String lease, Instant at, Draw d) {
            AddOn a = d.pick(p.addOns);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("addon", a.id());
            m.put("kind", a.kind().id());
            m.put("name", a.name());
            m.put("monthly_fee", a.monthlyFee().toNumber());
            m.put("one_time_fee", a.oneTimeFee().toNumber());
            pending(
                    at,
                    event(
                            at,
                            who,
                            p,
                            "addon.purchased",
                            "addon",
                            a.id() + ":" + who + ":" + at.getEpochSecond(),
                            m,
                            Map.of("addon", a.id(), "lease", lease)));
        }

        // ---- renewals and move-outs ------------------------------------------------------------------------

        void decide(Household h, LocalDate date, Draw d) {
            Place p = placeById.get(h.community.id());
            int choice = d.weighted(52, 14, 14, 10, 10);
            String reason = List.of("price", "relocation", "buying", "space", "maintenance", "family")
                    .get(d.weighted(30, 22, 15, 15, 10, 8));
            double offered = Math.round(h.rent * 1.04);
            switch (choice) {
                case 0 -> renew(p, h, date.plusDays(d.between(3, 35)), d);
                case 1 -> {
                    LocalDate on = date.plusDays(d.between(3, 25));
                    emit(
                            local(p, on, d.between(9, 20), 0),
                            h.contact,
                            p,
                            "renewal.declined",
                            "lease",
                            h.lease.id(),
                            Map.of("lease_id", h.lease.id(), "reason", reason, "offered_rent", offered));
                    notice(p, h, on.plusDays(d.between(0, 10)), reason, d);
                }
                case 2 -> notice(p, h, date.plusDays(d.between(10, 35)), reason, d);
                case 3 -> renew(p, h, date.plusDays(d.between(40, 60)), d);
                default -> {
                    // silence until the last weeks, then a notice
                    notice(p, h, h.end.minusDays(d.between(25, 32)), reason, d);
                }
            }
        }

        void renew(Place p, Household h, LocalDate on, Draw d) {
            on = within(on, h.end);
            int term = List.of(12, 12, 12, 6, 15).get(d.between(0, 4));
            double rent = Math.round(h.rent * d.between(1.02, 1.06));
            LocalDate start = h.end.plusDays(1);
            Lease next = new Lease(
                    h.lease.id().replaceFirst("-R\\d+$", "") + "-R" + (h.renewals + 1),
                    h.community.id(),
                    h.unit,
                    h.lease.residents(),
                    start,
                    start.plusMonths(term).minusDays(1),
                    Money.ofNumber(rent),
                    on,
                    Lease.Kind.RENEWAL,
                    Optional.empty());
            Instant at = local(p, on, d.between(9, 20), d.between(0, 59));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("lease_id", h.lease.id());
            r.put("term_months", (long) term);
            r.put("monthly_rent", rent);
            r.put("previous_rent", h.rent);
            r.put("start_date", start.toString());
            r.put("end_date", next.end().toString());
            emit(at, h.contact, p, "renewal.signed", "lease", h.lease.id(), r);
            emit(at.plusSeconds(300), h.contact, p, "lease.signed", "lease", next.id(), leaseSigned(next, term, null));
            h.lease = next;
            h.end = next.end();
            h.rent = rent;
            h.onNotice = false;
            h.renewals++;
            planDecision(h, on.plusDays(1));
        }

        void notice(Place p, Household h, LocalDate on, String reason, Draw d) {
            on = within(on, h.end);
            Instant at = local(p, on, d.between(9, 19), d.between(0, 59));
            h.onNotice = true;
            h.reason = reason;
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("lease_id", h.lease.id());
            n.put("reason", reason);
            n.put("move_out_date", h.end.toString());
            n.put("monthly_rent", h.rent);
            emit(at, h.contact, p, "notice.given", "lease", h.lease.id(), n);
            Unit u = p.unitById.get(h.unit);
            if (u != null) {
                FloorPlan plan = p.plans.get(u.floorPlan());
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("unit", u.id());
                a.put("floor_plan", u.floorPlan());
                if (plan != null) {
                    a.put("floor_plan_name", plan.name());
                    a.put("bathrooms", plan.bathrooms());
                }
                a.put("bedrooms", (long) h.bedrooms);
                a.put("market_rent", u.marketRent().toNumber());
                a.put("available_on", h.end.plusDays(7).toString());
                a.put("status", "notice-unrented");
                a.put("previous_status", "occupied");
                Instant listed = at.plusSeconds(3600L * d.between(2, 30));
                pending(
                        listed,
                        event(
                                listed,
                                null,
                                p,
                                "unit.available",
                                "unit",
                                u.id() + ":" + h.end,
                                a,
                                Map.of("unit", u.id(), "floor_plan", u.floorPlan())));
            }
            if (reason.equals("price") && d.chance(0.2)) {
                // talked round: the notice is rescinded and the lease renewed
                LocalDate back = on.plusDays(d.between(3, 14));
                if (back.isBefore(h.end.minusDays(1))) {
                    emit(
                            local(p, back, d.between(9, 19), 0),
                            h.contact,
                            p,
                            "notice.rescinded",
                            "lease",
                            h.lease.id(),
                            Map.of("lease_id", h.lease.id(), "reason", "renewal offer accepted"));
                    renew(p, h, back, d);
                    return;
                }
            }
            endings.computeIfAbsent(h.end, k -> new ArrayList<>()).add(h);
        }

        void moveOut(Household h, LocalDate date, Draw d) {
            Place p = placeById.get(h.community.id());
            String reason = h.reason.isEmpty()
                    ? d.pick(List.of("price", "relocation", "purchase", "space", "maintenance", "family", "job"))
                    : h.reason.equals("buying") ? "purchase" : h.reason;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", reason);
            m.put("move_out_date", date.toString());
            m.put("market", p.community.market());
            m.put("lease_id", h.lease.id());
            m.put("bedrooms", (long) h.bedrooms);
            m.put("monthly_rent", h.rent);
            m.put("would_return", !reason.equals("maintenance") && d.chance(0.8));
            emit(local(p, date, d.between(9, 15), 0), h.contact, p, "moveout.completed", "lease", h.lease.id(), m);
            p.remove(h);
            p.free.add(h.unit);
        }

        // ---- HOA members and business clients --------------------------------------------------------------

        void portfolioWide(LocalDate date, Draw d) {
            Place p = places.get(d.between(0, places.size() - 1));
            if (d.chance(0.06 * scale)) {
                String who = "A0-" + date.toEpochDay() + "-h" + (++hoaCount);
                String association = "HOA-" + p.community.market();
                double dues = Math.round(d.between(120, 450));
                String frequency = d.chance(0.7) ? "monthly" : "quarterly";
                LocalDate dueDate = date.plusMonths(1).withDayOfMonth(1);
                Instant at = local(p, date, d.between(9, 17), 0);
                emit(
                        at,
                        who,
                        p,
                        "hoa_member.added",
                        "hoa_membership",
                        "M-" + who,
                        Map.of(
                                "association",
                                association,
                                "lot",
                                "Lot " + d.between(1, 400),
                                "dues_amount",
                                dues,
                                "dues_frequency",
                                frequency,
                                "dues_due_date",
                                dueDate.toString()));
                hoaMembers.add(new String[] {who, p.community.id(), String.valueOf(dues), frequency});
            }
            if (date.getDayOfMonth() == 1) {
                for (String[] m : hoaMembers) {
                    if (m[3].equals("quarterly") && date.getMonthValue() % 3 != 1) {
                        continue;
                    }
                    Place mp = placeById.get(m[1]);
                    Instant at = local(mp, date.plusDays(d.between(0, 9)), d.between(8, 21), 0);
                    pending(
                            at,
                            event(
                                    at,
                                    m[0],
                                    mp,
                                    "hoa_dues.paid",
                                    "payment",
                                    "HD-" + m[0] + ":" + date,
                                    Map.of(
                                            "amount",
                                            Double.parseDouble(m[2]),
                                            "period",
                                            date.toString().substring(0, 7),
                                            "method",
                                            d.chance(0.6) ? "bank-account" : "check",
                                            "online",
                                            d.chance(0.6)),
                                    Map.of("hoa_membership", "M-" + m[0])));
                }
            }
            if (d.chance(0.02 * scale)) {
                client(p, date, d);
            }
            for (Client c : clients) {
                if (d.chance(0.012)) {
                    c.properties()[0] += 1;
                    Instant at = local(c.place(), date, d.between(9, 17), 0);
                    emit(
                            at,
                            c.contact(),
                            c.place(),
                            "owner.property_added",
                            "client",
                            c.id(),
                            Map.of(
                                    "client_id",
                                    c.id(),
                                    "property_name",
                                    d.pick(Names.LAST) + " Commons",
                                    "units",
                                    (long) d.between(8, 240),
                                    "properties",
                                    (long) c.properties()[0],
                                    "tier",
                                    c.tier()[0]));
                    String wanted = c.properties()[0] >= 20
                            ? "enterprise"
                            : c.properties()[0] >= 5 ? "portfolio" : c.properties()[0] >= 2 ? "growth" : "starter";
                    if (!wanted.equals(c.tier()[0]) && d.chance(0.5)) {
                        Instant up = at.plusSeconds(86_400L * d.between(3, 20));
                        pending(
                                up,
                                event(
                                        up,
                                        c.contact(),
                                        c.place(),
                                        "tier.upgraded",
                                        "client",
                                        c.id(),
                                        Map.of("client_id", c.id(), "from", c.tier()[0], "to", wanted),
                                        Map.of("client", c.id())));
                        c.tier()[0] = wanted;
                    }
                }
            }
        }

        void client(Place p, LocalDate date, Draw d) {
            String id = "BC-" + (++clientCount);
            String who = "A0-" + date.toEpochDay() + "-c" + clientCount;
            int properties = d.between(1, 3);
            String tier = properties >= 2 ? "growth" : "starter";
            Instant at = local(p, date, d.between(9, 17), 0);
            LocalDate launch = date.plusDays(d.between(45, 75));
            emit(
                    at,
                    who,
                    p,
                    "client.signed",
                    "client",
                    id,
                    Map.of(
                            "client_id",
                            id,
                            "tier",
                            tier,
                            "properties",
                            (long) properties,
                            "units",
                            (long) d.between(40, 600),
                            "launch_target",
                            launch.toString()));
            List<String> steps = List.of("kickoff", "data-import", "routing-setup", "pms-connection", "training");
            LocalDate due = date;
            for (int i = 0; i < steps.size(); i++) {
                due = due.plusDays(d.between(4, 10));
                boolean late = d.chance(0.15);
                LocalDate done = late ? due.plusDays(d.between(2, 8)) : due.minusDays(d.between(0, 2));
                if (done.isBefore(date.plusDays(1))) {
                    done = date.plusDays(1);
                }
                Instant t = local(p, done, d.between(9, 17), 0);
                pending(
                        t,
                        event(
                                t,
                                who,
                                p,
                                "client.milestone_completed",
                                "client",
                                id + ":" + steps.get(i),
                                Map.of("client_id", id, "milestone", steps.get(i), "due", due.toString(), "late", late),
                                Map.of("client", id)));
            }
            if (d.chance(0.9)) {
                Instant t = local(p, due.plusDays(d.between(2, 10)), 10, 0);
                pending(
                        t,
                        event(
                                t,
                                who,
                                p,
                                "client.launched",
                                "client",
                                id,
                                Map.of("client_id", id, "properties", (long) properties),
                                Map.of("client", id)));
            }
            clients.add(new Client(id, who, p, new String[] {tier}, new int[] {properties}));
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        /** A day from today to the day before the lease ends (today when it ends today). */
        LocalDate within(LocalDate on, LocalDate end) {
            LocalDate latest = end.minusDays(1).isBefore(today) ? today : end.minusDays(1);
            return on.isBefore(today) ? today : on.isAfter(latest) ? latest : on;
        }

        static Instant after(Instant at, Instant cause) {
            return at.isAfter(cause) ? at : cause.plusSeconds(3600);
        }

        Instant local(Place p, LocalDate date, int hour, int minute) {
            return date.atTime(LocalTime.of(hour, minute))
                    .atZone(p.community.timezone())
                    .toInstant();
        }

        void emit(
                Instant at,
                String contact,
                Place p,
                String type,
                String subjectType,
                String subjectId,
                Map<String, Object> data) {
            Map<String, String> subject = subjectType.isEmpty() ? Map.of() : Map.of(subjectType, subjectId);
            pending(at, event(at, contact, p, type, subjectType, subjectId, data, subject));
        }

        void emitCommunity(
                Instant at, Place p, String type, String subjectType, String subjectId, Map<String, Object> data) {
            pending(at, event(at, null, p, type, subjectType, subjectId, data, Map.of(subjectType, subjectId)));
        }

        Event event(
                Instant at,
                String contact,
                Place p,
                String type,
                String subjectType,
                String subjectId,
                Map<String, Object> data,
                Map<String, String> subject) {
            String id = type + ":" + (subjectId.isEmpty() ? contact : subjectId) + ":" + (seq + 1);
            Map<String, Object> ordered =
                    data instanceof LinkedHashMap<String, Object> l ? l : new java.util.TreeMap<>(data);
            return new Event(
                    id,
                    type,
                    at,
                    Optional.ofNullable(contact),
                    Optional.of(p.community.id()),
                    subject,
                    ordered,
                    Optional.empty());
        }

        void pending(Instant at, Event e) {
            pending.add(new Pending(at, seq++, e));
        }

        static String sentiment(int score) {
            return score <= 6 ? "negative" : score <= 8 ? "neutral" : "positive";
        }

        static int poisson(Draw d, double mean) {
            if (mean <= 0) {
                return 0;
            }
            if (mean > 30) {
                return (int) Math.round(d.normal(mean, Math.sqrt(mean), 0, mean * 3));
            }
            double l = Math.exp(-mean);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= d.between(0.0, 1.0);
            } while (p > l);
            return k - 1;
        }
    }
}
