package dev.threshold.domain.matching;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit that passed every hard filter, its score (0 to 100) and the reasons it matched, in words a
 * message can quote.
 *
 * @param rent what the person would pay: the unit's market rent
 */
public record UnitMatch(
        Community community,
        FloorPlan floorPlan,
        Unit unit,
        LocalDate readyOn,
        Money rent,
        int score,
        List<String> reasons) {

    public UnitMatch {
        reasons = List.copyOf(reasons);
    }

    /** The match as journeys read it: {@code results.matches.best.rent}, {@code ...reasons}. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("unit", unit.id());
        f.put("community", community.id());
        f.put("community_name", community.name());
        f.put("floor_plan", floorPlan.id());
        f.put("floor_plan_name", floorPlan.name());
        f.put("layout", floorPlan.layout());
        f.put("bedrooms", (long) floorPlan.bedrooms());
        f.put("bathrooms", floorPlan.bathrooms());
        java.util.OptionalInt sqft = unit.sqft().isPresent() ? unit.sqft() : floorPlan.sqft();
        sqft.ifPresent(s -> f.put("sqft", (long) s));
        f.put("floor", (long) unit.floor());
        unit.view().ifPresent(v -> f.put("view", v));
        f.put("amenities", new ArrayList<>(new java.util.TreeSet<>(unit.amenities())));
        f.put("rent", rent.toNumber());
        f.put("rent_text", rent.text());
        f.put("available_on", readyOn.toString());
        f.put("score", (long) score);
        f.put("reasons", reasons);
        f.put("summary", summary());
        Object link = community.links().get("tour");
        if (link != null) {
            f.put("tour_link", link + (link.toString().contains("?") ? "&" : "?") + "unit=" + unit.id());
        }
        return f;
    }

    /** {@code Unit 104, Aspen (1 bed / 1 bath), $1,465, ready 2027-03-20}. */
    public String summary() {
        return "Unit " + unit.id() + ", " + floorPlan.name() + " (" + floorPlan.layout() + "), " + rent.text()
                + ", ready " + readyOn;
    }
}
