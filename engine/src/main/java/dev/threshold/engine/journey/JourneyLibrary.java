package dev.threshold.engine.journey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The published journeys, every version of each. Immutable: publishing a version makes a new library,
 * and instances keep running on the version they started on.
 */
public final class JourneyLibrary {
    private final Map<String, NavigableMap<Integer, Journey>> byId;
    private final Map<String, List<Journey>> byTriggerEvent;

    private JourneyLibrary(Map<String, NavigableMap<Integer, Journey>> byId) {
        this.byId = byId;
        Map<String, List<Journey>> index = new HashMap<>();
        for (NavigableMap<Integer, Journey> versions : byId.values()) {
            Journey latest = versions.lastEntry().getValue();
            for (String type : latest.triggerEvents()) {
                index.computeIfAbsent(type, t -> new ArrayList<>()).add(latest);
            }
        }
        index.values().forEach(l -> l.sort(java.util.Comparator.comparing(Journey::id)));
        this.byTriggerEvent = index;
    }

    public static JourneyLibrary of(Collection<Journey> journeys) {
        Map<String, NavigableMap<Integer, Journey>> byId = new TreeMap<>();
        for (Journey j : journeys) {
            Journey previous =
                    byId.computeIfAbsent(j.id(), k -> new TreeMap<>()).put(j.version(), j);
            if (previous != null) {
                throw new IllegalArgumentException("journey " + j.ref() + " is given twice");
            }
        }
        return new JourneyLibrary(byId);
    }

    public static JourneyLibrary empty() {
        return of(List.of());
    }

    /** This library with one more version published. */
    public JourneyLibrary with(Journey journey) {
        List<Journey> all = new ArrayList<>();
        byId.values().forEach(v -> all.addAll(v.values()));
        all.removeIf(j -> j.id().equals(journey.id()) && j.version() == journey.version());
        all.add(journey);
        return of(all);
    }

    public Optional<Journey> latest(String id) {
        NavigableMap<Integer, Journey> v = byId.get(id);
        return v == null ? Optional.empty() : Optional.of(v.lastEntry().getValue());
    }

    public Optional<Journey> version(String id, int version) {
        NavigableMap<Integer, Journey> v = byId.get(id);
        return v == null ? Optional.empty() : Optional.ofNullable(v.get(version));
    }

    /** The latest version of every journey, by id. */
    public List<Journey> latest() {
        List<Journey> out = new ArrayList<>();
        byId.values().forEach(v -> out.add(v.lastEntry().getValue()));
        return Collections.unmodifiableList(out);
    }

    /** The latest versions of the journeys an event type can start. */
    public List<Journey> triggeredBy(String eventType) {
        return byTriggerEvent.getOrDefault(eventType, List.of());
    }
}
