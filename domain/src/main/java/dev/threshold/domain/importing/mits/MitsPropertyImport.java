package dev.threshold.domain.importing.mits;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.PetPolicy;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.importing.Availability;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.StateZones;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.importing.XmlTree;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a MITS ILS property feed: its properties become communities, its floor plans and units ours.
 * Idempotent: records are keyed by the feed's ids, so a re-import updates what changed and duplicates
 * nothing. A unit that becomes available (see {@link Availability}) yields {@code unit.available}. Units
 * missing from a feed are left as they are: feeds usually list only what is marketed. What the feed does not
 * carry (timezone, market, portfolio) is kept from the record, or else derived (the state's timezone).
 */
public final class MitsPropertyImport {

    public ImportPlan plan(String file, String xml, PropertyRecords current, Instant now) throws ImportFailed {
        XmlTree.Element root = XmlTree.parse(file, xml);
        Findings findings = new Findings(file);
        PropertyFeed feed =
                new PropertyFeedReader(findings, now.atZone(ZoneOffset.UTC).toLocalDate()).read(root);
        List<Community> communities = new ArrayList<>();
        for (PropertyFeed.Property p : feed.properties()) {
            community(p, feed.management(), current).ifPresent(communities::add);
        }
        findings.throwIfAny();

        ChangeSet.Builder set = ChangeSet.builder();
        Tally tally = new Tally();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < communities.size(); i++) {
            Community c = communities.get(i);
            PropertyFeed.Property p = feed.properties().get(i);
            if (tally.count("communities", current.community(c.id()), c)) {
                set.community(c);
            }
            Map<String, FloorPlan> plans = new LinkedHashMap<>();
            for (PropertyFeed.Plan fp : p.floorPlans()) {
                FloorPlan plan = new FloorPlan(
                        c.id(), fp.id(), fp.name(), fp.bedrooms(), fp.bathrooms(), fp.sqft(), fp.marketRent());
                plans.put(plan.id(), plan);
                if (tally.count("floor plans", current.floorPlan(c.id(), plan.id()), plan)) {
                    set.floorPlan(plan);
                }
            }
            for (PropertyFeed.FeedUnit fu : p.units()) {
                FloorPlan plan = plans.get(fu.floorPlan());
                Optional<Unit> before = current.unit(c.id(), fu.id());
                Unit unit = new Unit(
                        c.id(),
                        fu.id(),
                        plan.id(),
                        fu.status(),
                        fu.availableOn(),
                        fu.rent().orElse(plan.marketRent()),
                        fu.floor(),
                        before.flatMap(Unit::view),
                        fu.amenities(),
                        fu.accessibility(),
                        fu.sqft(),
                        before.map(Unit::petsAllowed).orElse(true));
                if (tally.count("units", before, unit)) {
                    set.unit(unit);
                    Availability.change(before, unit, plan, c, now).ifPresent(events::add);
                }
            }
        }
        return new ImportPlan(file, "mits-properties", set.build(), tally.counts(), events, List.of());
    }

    private static Optional<Community> community(
            PropertyFeed.Property p, Optional<String> management, PropertyRecords current) {
        Optional<Community> before = current.community(p.id());
        Optional<ZoneId> zone = before.map(Community::timezone)
                .or(() -> StateZones.of(p.address().state()));
        if (zone.isEmpty()) {
            return Optional.empty(); // the reader reported the missing or unknown state
        }
        BusinessCalendar calendar = p.officeHours().isEmpty()
                ? before.map(Community::calendar).orElse(BusinessCalendar.standard(zone.get()))
                : new BusinessCalendar(
                        zone.get(),
                        p.officeHours(),
                        before.map(b -> b.calendar().holidays()).orElse(java.util.Set.of()));
        Map<String, String> links =
                new LinkedHashMap<>(before.map(Community::links).orElse(Map.of()));
        p.website().ifPresent(w -> links.put("website", w));
        PetPolicy pets = p.pets().or(() -> before.map(Community::pets)).orElse(PetPolicy.noPets());
        return Optional.of(new Community(
                p.id(),
                p.name(),
                before.map(Community::portfolio).or(() -> management).orElse("default"),
                before.map(Community::market)
                        .orElse(PropertyFeedReader.slug(p.address().city())),
                zone.get(),
                p.address(),
                p.location().or(() -> before.flatMap(Community::location)),
                calendar,
                pets,
                p.phone(),
                p.email(),
                links));
    }
}
