package dev.threshold.domain.importing;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When an imported unit yields {@code unit.available}: it can be leased now and could not before (new, was
 * occupied, leased or offline, or had no date), or its ready date moved earlier. A re-import that changes
 * nothing yields nothing, and the event's id is the same for the same availability, so ingest acknowledges a
 * repeat instead of fanning it out twice.
 */
public final class Availability {
    private Availability() {}

    public static Optional<Event> change(
            Optional<Unit> before, Unit after, FloorPlan plan, Community community, Instant now) {
        LocalDate today = now.atZone(community.timezone()).toLocalDate();
        Optional<LocalDate> ready = after.readyOn(today);
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> wasReady = before.flatMap(b -> b.readyOn(today));
        if (wasReady.isPresent() && !ready.get().isBefore(wasReady.get())) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", after.id());
        data.put("floor_plan", plan.id());
        data.put("floor_plan_name", plan.name());
        data.put("bedrooms", (long) plan.bedrooms());
        data.put("bathrooms", plan.bathrooms());
        java.util.OptionalInt sqft = after.sqft().isPresent() ? after.sqft() : plan.sqft();
        sqft.ifPresent(s -> data.put("sqft", (long) s));
        data.put("market_rent", after.marketRent().toNumber());
        data.put("available_on", ready.get().toString());
        data.put("status", after.status().id());
        before.ifPresent(b -> data.put("previous_status", b.status().id()));
        return Optional.of(new Event(
                "unit.available:" + community.id() + ":" + after.id() + ":" + ready.get(),
                "unit.available",
                now,
                Optional.empty(),
                Optional.of(community.id()),
                Map.of("unit", after.id(), "floor_plan", plan.id()),
                data,
                Optional.empty()));
    }
}
